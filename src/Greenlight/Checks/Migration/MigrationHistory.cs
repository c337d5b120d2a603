using System.Data.Common;
using Greenlight.Databases;

namespace Greenlight.Checks.Migration;

/// <summary>
/// Reads what a migration tool recorded as applied, from its own history table: alembic_version,
/// flyway_schema_history, supabase_migrations.schema_migrations, _prisma_migrations or
/// schema_migrations (golang-migrate's one version and dirty flag, or one row per version).
/// A missing table means nothing is applied yet.
/// </summary>
internal static class MigrationHistory
{
    public static async Task<AppliedState> ReadAsync(DatabaseSession session, MigrationLayout layout, IReadOnlyList<MigrationFile> files, CancellationToken cancellationToken)
    {
        switch (layout)
        {
            case MigrationLayout.Alembic:
                {
                    if (!await ExistsAsync(session, "alembic_version", cancellationToken))
                    {
                        return new AppliedState(new HashSet<string>(), null, "no alembic_version table: no revision is applied");
                    }

                    var versions = await ListAsync(session, "SELECT version_num::text FROM alembic_version", cancellationToken);
                    return new AppliedState(versions.ToHashSet(StringComparer.Ordinal), versions.Count == 0 ? null : string.Join(",", versions.Order(StringComparer.Ordinal)), "alembic_version");
                }

            case MigrationLayout.Supabase:
                return await VersionsAsync(session, "supabase_migrations.schema_migrations", "SELECT version::text FROM supabase_migrations.schema_migrations", cancellationToken);

            case MigrationLayout.Flyway:
                {
                    if (!await ExistsAsync(session, "flyway_schema_history", cancellationToken))
                    {
                        return new AppliedState(new HashSet<string>(), null, "no flyway_schema_history table: nothing is applied");
                    }

                    var applied = new HashSet<string>(StringComparer.Ordinal);
                    string? current = null;
                    await using var command = session.Command("SELECT version, script, checksum FROM flyway_schema_history WHERE success ORDER BY installed_rank");
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (!reader.IsDBNull(0))
                        {
                            applied.Add(reader.GetString(0));
                            current = reader.GetString(0);
                        }
                        else if (!reader.IsDBNull(2))
                        {
                            // A repeatable migration is applied as long as its latest checksum is the file's.
                            var script = reader.GetString(1);
                            applied.RemoveWhere(a => a.StartsWith(script + "@", StringComparison.Ordinal));
                            applied.Add($"{script}@{reader.GetInt32(2)}");
                        }
                    }

                    return new AppliedState(applied, current, "flyway_schema_history");
                }

            case MigrationLayout.Timestamped:
                if (await ExistsAsync(session, "_prisma_migrations", cancellationToken))
                {
                    var names = await ListAsync(session, "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL", cancellationToken);
                    return new AppliedState(names.ToHashSet(StringComparer.Ordinal), names.Order(StringComparer.Ordinal).LastOrDefault(), "_prisma_migrations");
                }

                if (await ExistsAsync(session, "schema_migrations", cancellationToken))
                {
                    var columns = await ListAsync(session, "SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass('schema_migrations') AND attnum > 0 AND NOT attisdropped", cancellationToken);
                    if (columns.Contains("dirty"))
                    {
                        // golang-migrate keeps one row: the version reached, and whether it failed half-way.
                        var rows = await ListAsync(session, "SELECT version::text || CASE WHEN dirty THEN ' dirty' ELSE '' END FROM schema_migrations", cancellationToken);
                        var at = rows.FirstOrDefault()?.Split(' ')[0];
                        var reached = at is not null && long.TryParse(at, out var v) ? v : long.MinValue;
                        var applied = files.Where(f => long.TryParse(f.Version, out var n) && n <= reached).Select(f => f.Version).ToHashSet(StringComparer.Ordinal);
                        return new AppliedState(applied, rows.FirstOrDefault(), "schema_migrations (golang-migrate)");
                    }

                    return await VersionsAsync(session, "schema_migrations", "SELECT version::text FROM schema_migrations", cancellationToken);
                }

                return new AppliedState(new HashSet<string>(), null, "no schema_migrations or _prisma_migrations table: nothing is applied");

            default:
                return new AppliedState(new HashSet<string>(), null, "plain SQL files keep no history: every file is pending");
        }
    }

    /// <summary>Whether a file is applied, by version or by its own name (Prisma records folder names).</summary>
    public static bool IsApplied(MigrationFile file, AppliedState state) =>
        file.Repeatable ? state.Applied.Contains($"{file.Name}.sql@{file.Checksum}") || state.Applied.Contains($"{file.Name}@{file.Checksum}")
        : state.Applied.Contains(file.Version) || state.Applied.Contains(file.Name);

    private static async Task<AppliedState> VersionsAsync(DatabaseSession session, string table, string sql, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(session, table, cancellationToken))
        {
            return new AppliedState(new HashSet<string>(), null, $"no {table} table: nothing is applied");
        }

        var versions = await ListAsync(session, sql, cancellationToken);
        return new AppliedState(versions.ToHashSet(StringComparer.Ordinal), versions.Order(StringComparer.Ordinal).LastOrDefault(), table);
    }

    private static async Task<bool> ExistsAsync(DatabaseSession session, string table, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT to_regclass(@name) IS NOT NULL");
        var parameter = command.CreateParameter();
        parameter.ParameterName = "name";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<string>> ListAsync(DatabaseSession session, string sql, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var command = session.Command(sql);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
            {
                values.Add(reader.GetString(0));
            }
        }

        return values;
    }
}
