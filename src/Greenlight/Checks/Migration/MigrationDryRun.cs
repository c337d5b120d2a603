using System.Data.Common;
using Greenlight.Databases;
using Greenlight.Databases.Schema;
using Greenlight.Databases.SqlText;
using Npgsql;

namespace Greenlight.Checks.Migration;

/// <summary>
/// Runs pending SQL inside one transaction that is always rolled back: statement by statement (one
/// per command, so a failure names its statement), then a second time when the files must be
/// re-runnable. The schema is read before and after on the same connection, pg_locks after each
/// statement, sizes from pg_class. Statements that cannot run in a transaction are recognised and
/// not executed.
/// </summary>
internal static class MigrationDryRun
{
    public static async Task<DryRunReport> RunAsync(DatabaseSession session, IReadOnlyList<(MigrationFile File, SqlScript Script)> set, string schemaName, bool twice, TimeSpan lockTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var report = new DryRunReport();
        var began = time.GetTimestamp();
        var before = await PostgresIntrospector.ReadAsync(session, schemaName, TimeSpan.FromSeconds(30), cancellationToken);
        report.Before = before;
        foreach (var name in before.Tables.Keys.Concat(before.Views.Keys).Concat(before.Functions).Concat(before.Enums.Keys))
        {
            report.Facts.Objects.Add(name);
        }

        var tables = await ReadTablesAsync(session, cancellationToken);
        foreach (var table in tables.Values.Where(t => t.Schema == schemaName))
        {
            report.Facts.Tables[table.Name] = new TableFacts(table.Name, table.Rows, table.Bytes);
        }

        var sequences = await ReadSequencesAsync(session, cancellationToken);
        int serverVersion;
        await using (var version = session.Command("SELECT current_setting('server_version_num')::int"))
        {
            serverVersion = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        // Locks the dry-run itself took before the first statement (counting rows of unanalysed tables) are nobody's.
        var held = await HeldLocksAsync(session, cancellationToken);
        var rewritten = new HashSet<uint>();
        var number = 0;
        foreach (var (file, script) in set)
        {
            foreach (var statement in script.Statements)
            {
                var entry = new StatementReport(file, statement, ++number);
                report.Statements.Add(entry);
                if (report.Blocked is not null)
                {
                    continue;
                }

                entry.NotRun = NotDryRunnable(statement);
                var addsEnumValue = statement.Verb == "alter" && statement.Word(1) == "type" && statement.Tokens.Any(t => t.Is("add")) && statement.Tokens.Any(t => t.Is("value"));
                if (addsEnumValue && serverVersion < 120000)
                {
                    entry.NotRun = "not dry-runnable: ALTER TYPE … ADD VALUE cannot run inside a transaction before PostgreSQL 12 (it is still linted)";
                }

                if (entry.NotRun is not null)
                {
                    continue;
                }

                if (addsEnumValue)
                {
                    report.Notes.Add($"{entry.Where}: an enum value added in a transaction cannot be used before that transaction commits; a later statement that uses it fails here and on deploy alike");
                }

                if (MigrationLinter.SetNotNullTable(statement) is { } notNullTable)
                {
                    report.Facts.NotNullImplied[(file.Display, statement.Index)] = await NotNullImpliedAsync(session, notNullTable, cancellationToken);
                }

                var start = time.GetTimestamp();
                var error = await ExecuteGuardedAsync(session, statement.Text, cancellationToken);
                entry.Duration = time.GetElapsedTime(start);
                if (error is not null)
                {
                    entry.Error = Describe(error);
                    report.Failures.Add($"statement {entry.Number} ({entry.Where}) fails: {entry.Error}");
                    if (error.SqlState == "55P03")
                    {
                        // Blocked: every later statement would queue behind the same holder; stop within the lock timeout.
                        report.Blocked = $"statement {entry.Number} ({entry.Where}) waited longer than lock_timeout ({Assertions.Units.FormatDuration(lockTimeout.TotalMilliseconds)}) for a lock{await HoldersAsync(session, statement, cancellationToken)}";
                    }
                    else if (error.SqlState == "57014")
                    {
                        report.Blocked = $"statement {entry.Number} ({entry.Where}) ran longer than statement_timeout: the dry-run stops here";
                    }

                    continue;
                }

                entry.Ran = true;
                await ReadLocksAsync(session, entry, tables, held, rewritten, report.Facts, cancellationToken);
                await ReleaseAsync(session, cancellationToken);
            }
        }

        foreach (var file in report.Statements.Where(e => e.NotRun?.StartsWith("transaction control", StringComparison.Ordinal) == true).Select(e => e.File.Display).Distinct())
        {
            report.Notes.Add($"{file} has its own transaction control (BEGIN/COMMIT): the dry-run skips it and runs the file inside its one rolled-back transaction; on deploy each COMMIT makes what came before it permanent, even when a later statement fails");
        }

        if (report.Failures.Count > 0)
        {
            report.Failure = report.Failures[0] + (report.Failures.Count == 1 ? "" : $" (and {report.Failures.Count - 1} later statement{(report.Failures.Count == 2 ? "" : "s")} fail too: {string.Join("; ", report.Failures.Skip(1))})");
        }
        else if (report.Blocked is null)
        {
            var after = await PostgresIntrospector.ReadAsync(session, schemaName, TimeSpan.FromSeconds(30), cancellationToken);
            Compare(before, after, report);
            var moved = await ReadSequencesAsync(session, cancellationToken);
            foreach (var (name, value) in moved)
            {
                if (sequences.TryGetValue(name, out var old) && old != value)
                {
                    report.Notes.Add($"sequence {name} moved from {old?.ToString() ?? "unused"} to {value} during the dry-run: PostgreSQL never rolls a sequence back");
                }
            }

            if (twice)
            {
                // Every statement gets its second run, each in its own savepoint, so all that are not idempotent are named.
                var again = new List<string>();
                foreach (var entry in report.Statements.Where(e => e.Ran))
                {
                    var error = await ExecuteGuardedAsync(session, entry.Statement.Text, cancellationToken);
                    if (error is null)
                    {
                        await ReleaseAsync(session, cancellationToken);
                        continue;
                    }

                    again.Add($"statement {entry.Statement.Index + 1} of {entry.File.Display} (line {entry.Statement.Line}) is not idempotent: run a second time it fails with {Describe(error)}{Advice(error)}");
                    if (error.SqlState is "55P03" or "57014")
                    {
                        break;
                    }
                }

                if (again.Count > 0)
                {
                    report.NotIdempotent = again[0] + (again.Count == 1 ? "" : $" (and {again.Count - 1} more: {string.Join("; ", again.Skip(1))})");
                }
            }
        }

        report.Duration = time.GetElapsedTime(began);
        return report;
    }

    /// <summary>Why a statement cannot run in the dry-run's transaction, or null when it can.</summary>
    public static string? NotDryRunnable(SqlStatement statement)
    {
        var words = statement.Tokens.Take(6).Where(t => t.Kind == SqlTokenKind.Word).Select(t => t.Value).ToList();
        var verb = statement.Verb;
        if (verb is "begin" or "commit" or "end" or "rollback" or "abort" or "savepoint" or "release" || (verb == "start" && statement.Word(1) == "transaction") || (verb == "prepare" && statement.Word(1) == "transaction"))
        {
            return $"transaction control ({verb.ToUpperInvariant()}): the dry-run keeps its own transaction, which it always rolls back";
        }

        if (verb is "create" or "drop" or "reindex" && words.Contains("concurrently"))
        {
            return $"not dry-runnable: {string.Join(' ', words.Take(words.IndexOf("concurrently") + 1)).ToUpperInvariant()} cannot run inside a transaction (it is still linted)";
        }

        if (verb is "vacuum" || (verb is "create" or "drop" && statement.Word(1) is "database" or "tablespace") || (verb == "alter" && statement.Word(1) == "system"))
        {
            return $"not dry-runnable: {string.Join(' ', words.Take(2)).ToUpperInvariant()} cannot run inside a transaction (it is still linted)";
        }

        if (verb == "copy" && statement.Tokens.Any(t => t.Is("stdin")))
        {
            return "not dry-runnable: COPY … FROM stdin needs its data from the client";
        }

        if (verb is "set" or "reset" && statement.Tokens.Skip(1).Take(2).Any(t => t.Is("lock_timeout", "statement_timeout")))
        {
            return "not run: the dry-run keeps its own low lock_timeout and statement_timeout (the lint sees this statement)";
        }

        return null;
    }

    private const string Savepoint = "greenlight_dry_run_statement";

    /// <summary>
    /// Runs one statement inside a savepoint; on failure rolls back to it, so the transaction is not
    /// left aborted (25P02) and every later statement is still run and reported. On success the
    /// caller releases it (after reading the locks, which the outer transaction keeps).
    /// </summary>
    private static async Task<PostgresException?> ExecuteGuardedAsync(DatabaseSession session, string sql, CancellationToken cancellationToken)
    {
        await using (var savepoint = session.Command($"SAVEPOINT {Savepoint}"))
        {
            await savepoint.ExecuteNonQueryAsync(cancellationToken);
        }

        var error = await ExecuteAsync(session, sql, cancellationToken);
        if (error is not null)
        {
            await using var rollback = session.Command($"ROLLBACK TO SAVEPOINT {Savepoint}; RELEASE SAVEPOINT {Savepoint}");
            await rollback.ExecuteNonQueryAsync(cancellationToken);
        }

        return error;
    }

    private static async Task ReleaseAsync(DatabaseSession session, CancellationToken cancellationToken)
    {
        await using var release = session.Command($"RELEASE SAVEPOINT {Savepoint}");
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<HashSet<(uint, string)>> HeldLocksAsync(DatabaseSession session, CancellationToken cancellationToken)
    {
        var held = new HashSet<(uint, string)>();
        await using var command = session.Command("SELECT l.relation, l.mode FROM pg_locks l WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add(((uint)reader.GetValue(0), reader.GetString(1)));
        }

        return held;
    }

    private static async Task<PostgresException?> ExecuteAsync(DatabaseSession session, string sql, CancellationToken cancellationToken)
    {
        await using var command = session.Command(sql);
        // A typed, unused positional parameter: Npgsql sends the text as it is, one statement (a
        // BEGIN ATOMIC body keeps its semicolons), and the server would refuse a second one.
        command.Parameters.Add(new NpgsqlParameter { Value = 0, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The transaction is aborted now; nothing after this statement can run in it.
            return ex;
        }
    }

    private static string Describe(PostgresException error) =>
        $"{error.MessageText}{(error.Detail is null ? "" : $" ({error.Detail})")}{(error.Hint is null ? "" : $"; hint: {error.Hint}")}";

    private static string Advice(PostgresException error) => error.SqlState switch
    {
        "42701" => "; write ADD COLUMN IF NOT EXISTS",
        "42P07" => "; write CREATE … IF NOT EXISTS",
        "42710" => "; guard it (IF NOT EXISTS, or drop the constraint IF EXISTS first)",
        "42723" => "; write CREATE OR REPLACE FUNCTION",
        _ => "",
    };

    private sealed record TableRow(uint Oid, string Schema, string Name, long Rows, long Bytes, uint FileNode);

    private static async Task<Dictionary<uint, TableRow>> ReadTablesAsync(DatabaseSession session, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<uint, TableRow>();
        await using var command = session.Command("""
            SELECT c.oid, n.nspname, c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid), c.relfilenode
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var oid = (uint)reader.GetValue(0);
            tables[oid] = new TableRow(oid, reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), (uint)reader.GetValue(5));
        }

        await reader.DisposeAsync();

        // Never analysed (reltuples -1): count the small ones, estimate nothing for the rest.
        foreach (var table in tables.Values.Where(t => t.Rows < 0).ToList())
        {
            var rows = -1L;
            if (table.Bytes < 64L * 1024 * 1024)
            {
                await using var count = session.Command($"SELECT count(*) FROM {SchemaDiff.Id(table.Schema)}.{SchemaDiff.Id(table.Name)}");
                rows = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            tables[table.Oid] = table with { Rows = Math.Max(0, rows) };
        }

        return tables;
    }

    private static async Task ReadLocksAsync(DatabaseSession session, StatementReport entry, Dictionary<uint, TableRow> tables, HashSet<(uint, string)> held, HashSet<uint> rewritten, LintFacts facts, CancellationToken cancellationToken)
    {
        await using var command = session.Command("""
            SELECT l.relation, l.mode, c.relfilenode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation = ANY(@tables)
            """);
        // Only tables that existed before: locks on new objects (and catalogs) grow with every statement and matter to no one.
        command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = tables.Keys.ToArray() });
        var found = new List<(uint Oid, string Mode, uint FileNode)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(((uint)reader.GetValue(0), reader.GetString(1), (uint)reader.GetValue(2)));
            }
        }

        var key = (entry.File.Display, entry.Statement.Index);
        foreach (var (oid, mode, fileNode) in found)
        {
            if (!tables.TryGetValue(oid, out var table) || !held.Add((oid, mode)))
            {
                continue;
            }

            var rewrites = fileNode != table.FileNode && rewritten.Add(oid);
            var words = mode.Replace("Lock", "", StringComparison.Ordinal);
            var display = string.Concat(words.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString())).ToUpperInvariant();
            entry.Locks.Add($"{display} on {table.Name} ({new TableFacts(table.Name, table.Rows, table.Bytes).Describe()}){(rewrites ? " and rewrites it" : "")}");
            if (mode == "AccessExclusiveLock")
            {
                facts.AccessExclusive.TryAdd(key, []);
                facts.AccessExclusive[key].Add(table.Name);
            }

            if (rewrites)
            {
                facts.Rewritten.TryAdd(key, []);
                facts.Rewritten[key].Add(table.Name);
            }
        }

        // A rewrite seen later than the first lock on the table still belongs to this statement.
        foreach (var (oid, _, fileNode) in found)
        {
            if (tables.TryGetValue(oid, out var table) && fileNode != table.FileNode && rewritten.Add(oid))
            {
                facts.Rewritten.TryAdd(key, []);
                facts.Rewritten[key].Add(table.Name);
                entry.Locks.Add($"rewrites {table.Name} ({new TableFacts(table.Name, table.Rows, table.Bytes).Describe()})");
            }
        }
    }

    /// <summary>The columns of the table that its valid CHECK constraints prove NOT NULL, as the transaction sees them now.</summary>
    private static async Task<HashSet<string>> NotNullImpliedAsync(DatabaseSession session, (string? Schema, string Table) table, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var command = session.Command("""
            SELECT pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = to_regclass(CASE WHEN @schema IS NULL THEN format('%I', @table) ELSE format('%I.%I', @schema, @table) END)
              AND contype = 'c' AND convalidated
            """);
        command.Parameters.Add(new NpgsqlParameter("schema", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)table.Schema ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("table", NpgsqlTypes.NpgsqlDbType.Text) { Value = table.Table });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.UnionWith(MigrationLinter.ColumnsProvedNotNull(reader.GetString(0)));
        }

        return columns;
    }

    private static async Task<string> HoldersAsync(DatabaseSession session, SqlStatement statement, CancellationToken cancellationToken)
    {
        // The transaction is aborted: ask from a fresh read-only session who holds locks on the tables the statement names.
        var names = statement.Tokens.Where(t => t.IsName).Select(t => t.Value).Distinct().ToArray();
        try
        {
            await using var probe = await DatabaseSession.OpenReadOnlyAsync(session.Target, TimeSpan.FromSeconds(5), cancellationToken);
            await using var command = probe.Command("""
                SELECT DISTINCT a.pid, coalesce(a.usename, ''), coalesce(a.application_name, ''), c.relname, l.mode, coalesce(a.state, ''), left(coalesce(a.query, ''), 120)
                FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.granted AND c.relname = ANY(@names) AND l.pid <> pg_backend_pid()
                ORDER BY a.pid
                """);
            var parameter = command.CreateParameter();
            parameter.ParameterName = "names";
            parameter.Value = names;
            command.Parameters.Add(parameter);
            var holders = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                holders.Add($"pid {reader.GetInt32(0)} ({reader.GetString(1)}{(reader.GetString(2).Length > 0 ? ", " + reader.GetString(2) : "")}, {reader.GetString(5)}) holds {reader.GetString(4)} on {reader.GetString(3)}: {reader.GetString(6)}");
            }

            return holders.Count == 0 ? "" : ": " + string.Join("; ", holders);
        }
        catch (Exception ex) when (ex is DbException or DatabaseException)
        {
            return "";
        }
    }

    private static async Task<Dictionary<string, long?>> ReadSequencesAsync(DatabaseSession session, CancellationToken cancellationToken)
    {
        var sequences = new Dictionary<string, long?>(StringComparer.Ordinal);
        await using var command = session.Command("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences WHERE has_sequence_privilege(format('%I.%I', schemaname, sequencename), 'SELECT')");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sequences[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        }

        return sequences;
    }

    private static void Compare(DatabaseSchema before, DatabaseSchema after, DryRunReport report)
    {
        foreach (var change in SchemaDiff.Compare(before, after))
        {
            report.Changes.Add(change.Description
                .Replace(" only in B", " added", StringComparison.Ordinal).Replace(" only in A", " dropped", StringComparison.Ordinal)
                .Replace(" in A, ", " before, ", StringComparison.Ordinal).Replace(" in B", " after", StringComparison.Ordinal));
        }

        foreach (var (name, table) in after.Tables)
        {
            if (!before.Tables.TryGetValue(name, out var old))
            {
                continue;
            }

            foreach (var column in table.Columns.Where(c => old.Column(c.Name) is null))
            {
                report.AddedColumns.Add($"{name}.{column.Name}");
            }
        }

        foreach (var (name, table) in before.Tables)
        {
            if (!after.Tables.TryGetValue(name, out var now))
            {
                report.DroppedTables.Add(name);
                continue;
            }

            report.DroppedColumns.AddRange(table.Columns.Where(c => now.Column(c.Name) is null).Select(c => $"{name}.{c.Name}"));
        }
    }
}
