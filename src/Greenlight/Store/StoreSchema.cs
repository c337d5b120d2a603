using System.Data.Common;

namespace Greenlight.Store;

/// <summary>
/// The store's own schema, versioned in gl_meta and upgraded on open, one step at a time. A store
/// written by a newer Greenlight is refused rather than misread.
/// </summary>
internal static class StoreSchema
{
    public const int CurrentVersion = 8;

    private static IReadOnlyList<string[]> Migrations(StoreDialect dialect) =>
    [
        // Version 1. Timestamps are ISO 8601 UTC text with 100 ns precision in both databases, so a
        // report rebuilt from the store is byte-for-byte the one the run printed.
        [
            $"""
            CREATE TABLE IF NOT EXISTS gl_runs (
                id TEXT PRIMARY KEY, spec TEXT NOT NULL, spec_path TEXT NOT NULL, spec_hash TEXT NOT NULL,
                phase TEXT NOT NULL, status TEXT NOT NULL, verdict TEXT, reasons TEXT, notes TEXT,
                started_at TEXT NOT NULL, finished_at TEXT, planned {dialect.BigInt} NOT NULL,
                user_name TEXT NOT NULL, host TEXT NOT NULL, pid {dialect.BigInt} NOT NULL, git_commit TEXT, git_branch TEXT)
            """,
            "CREATE INDEX IF NOT EXISTS gl_runs_started ON gl_runs (started_at)",
            $"""
            CREATE TABLE IF NOT EXISTS gl_results (
                run_id TEXT NOT NULL, check_id TEXT NOT NULL, ordinal {dialect.BigInt} NOT NULL,
                title TEXT, kind TEXT NOT NULL, phase TEXT NOT NULL, severity TEXT NOT NULL, area TEXT,
                outcome TEXT NOT NULL, started_at TEXT NOT NULL, duration_ms {dialect.BigInt} NOT NULL,
                attempts {dialect.BigInt} NOT NULL, message TEXT, fix TEXT, skipped_for_need {dialect.BigInt} NOT NULL,
                warnings TEXT NOT NULL, assertions TEXT NOT NULL, captures TEXT NOT NULL,
                PRIMARY KEY (run_id, check_id))
            """,
            "CREATE INDEX IF NOT EXISTS gl_results_check ON gl_results (check_id)",
            $"""
            CREATE TABLE IF NOT EXISTS gl_attempts (
                run_id TEXT NOT NULL, check_id TEXT NOT NULL, number {dialect.BigInt} NOT NULL, outcome TEXT NOT NULL,
                message TEXT, duration_ms {dialect.BigInt} NOT NULL, started_at TEXT NOT NULL,
                PRIMARY KEY (run_id, check_id, number))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS gl_evidence (
                run_id TEXT NOT NULL, check_id TEXT NOT NULL, ordinal {dialect.BigInt} NOT NULL, name TEXT NOT NULL,
                content TEXT NOT NULL, full_length {dialect.BigInt},
                PRIMARY KEY (run_id, check_id, ordinal))
            """,
        ],

        // Version 2 (core-engine): which needs kept a skipped check from running, so reasons group it under its cause.
        [
            "ALTER TABLE gl_results ADD COLUMN blocked_by TEXT",
        ],
        // Version 3: watch windows and each measurement, so a killed watch resumes where it was.
        [
            $"""
            CREATE TABLE IF NOT EXISTS gl_watch (
                run_id TEXT PRIMARY KEY, window_name TEXT NOT NULL, window_start TEXT NOT NULL, every_ms {dialect.BigInt} NOT NULL,
                for_ms {dialect.BigInt} NOT NULL, delay_ms {dialect.BigInt} NOT NULL, checks TEXT NOT NULL, status TEXT NOT NULL,
                verdict TEXT, report TEXT)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS gl_measurements (
                run_id TEXT NOT NULL, check_id TEXT NOT NULL, tick {dialect.BigInt} NOT NULL, planned_at TEXT NOT NULL,
                started_at TEXT NOT NULL, duration_ms {dialect.BigInt} NOT NULL, outcome TEXT NOT NULL, value TEXT, number TEXT,
                message TEXT, no_data {dialect.BigInt} NOT NULL, assertions TEXT NOT NULL, evidence TEXT,
                PRIMARY KEY (run_id, check_id, tick))
            """,
            "CREATE INDEX IF NOT EXISTS gl_measurements_check ON gl_measurements (check_id, started_at)",
        ],

        // Version 4 (review-kinds): sign-offs of manual checks, each for the commit and spec it was given for.
        [
            """
            CREATE TABLE IF NOT EXISTS gl_signoffs (
                spec TEXT NOT NULL, check_id TEXT NOT NULL, signed_by TEXT NOT NULL, note TEXT,
                signed_at TEXT NOT NULL, git_commit TEXT, spec_hash TEXT NOT NULL, host TEXT NOT NULL,
                PRIMARY KEY (spec, check_id, signed_by, signed_at))
            """,
            "CREATE INDEX IF NOT EXISTS gl_signoffs_check ON gl_signoffs (spec, check_id)",
        ],

        // Version 5 (import): the line of the team's own checklist a check was imported from.
        [
            "ALTER TABLE gl_results ADD COLUMN source TEXT",
        ],

        // Version 6 (ci-github): the spec's environment a run applied (--env), and each check's line and
        // column in the spec, so a stored run's CI annotations point where check's did.
        [
            "ALTER TABLE gl_runs ADD COLUMN environment TEXT",
            $"ALTER TABLE gl_results ADD COLUMN spec_line {dialect.BigInt}",
            $"ALTER TABLE gl_results ADD COLUMN spec_column {dialect.BigInt}",
        ],

        // Version 7 (watch): every alert sent or not, so a dead webhook is on record after the window.
        [
            $"""
            CREATE TABLE IF NOT EXISTS gl_alerts (
                run_id TEXT NOT NULL, ordinal {dialect.BigInt} NOT NULL, event TEXT NOT NULL, channel TEXT NOT NULL,
                delivered {dialect.BigInt} NOT NULL, attempts {dialect.BigInt} NOT NULL, error TEXT, at TEXT NOT NULL,
                PRIMARY KEY (run_id, ordinal))
            """,
        ],

        // Version 8 (dashboard): a spec's runs newest first (home strip, spec page, badge, health) without
        // scanning every run; a check's history walks this index and probes gl_results by its key.
        [
            "CREATE INDEX IF NOT EXISTS gl_runs_spec_started ON gl_runs (spec, started_at)",
        ],
    ];

    public static async Task UpgradeAsync(StoreDialect dialect, DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var meta = connection.CreateCommand())
        {
            meta.CommandText = "CREATE TABLE IF NOT EXISTS gl_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
            await meta.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await dialect.LockForUpgradeAsync(connection, transaction, cancellationToken);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (version > CurrentVersion)
        {
            throw new StoreException($"the store at {dialect.Describe} has schema version {version}, newer than this greenlight knows ({CurrentVersion}): upgrade greenlight");
        }

        var migrations = Migrations(dialect);
        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            foreach (var statement in migrations[next - 1])
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (version < CurrentVersion)
        {
            await using var set = connection.CreateCommand();
            set.Transaction = transaction;
            set.CommandText = version == 0
                ? "INSERT INTO gl_meta (key, value) VALUES ('schema_version', @v)"
                : "UPDATE gl_meta SET value = @v WHERE key = 'schema_version'";
            Sql.Add(set, "v", CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The version of a store opened for reading only (0 when it has no schema yet).</summary>
    public static async Task<int> ReadVersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'gl_meta'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        return await ReadVersionAsync(connection, null, cancellationToken);
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM gl_meta WHERE key = 'schema_version'";
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is string text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
