namespace Greenlight.Databases.Schema;

/// <summary>
/// One difference between two schemas, grouped by <see cref="Table"/> ("" for database-wide
/// objects), with the SQL that brings A to B when it can be written; destructive statements
/// (drops, type changes) are only written when allowed. <see cref="Phase"/> places the statement
/// in the script (<see cref="SchemaPhase"/>); within a phase, changes keep the order they were found in.
/// </summary>
internal sealed record SchemaChange(string Table, string Description, string? Sql, bool Destructive = false)
{
    public int Phase { get; init; } = SchemaPhase.Columns;
}
