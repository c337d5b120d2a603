namespace Greenlight.Checks.Migration;

/// <summary>
/// One migration: its version (what the tool's history records), the name shown (a path relative
/// to the migrations folder, or an Alembic revision's file), and its SQL.
/// </summary>
internal sealed record MigrationFile(string Version, string Display, string Sql, bool Repeatable = false)
{
    /// <summary>The migration's own name: its folder (Prisma, golang-migrate folders) or file name without .sql.</summary>
    public string Name { get; init; } = Version;

    /// <summary>For a Flyway repeatable migration: its checksum as Flyway computes it.</summary>
    public int? Checksum { get; init; }
}
