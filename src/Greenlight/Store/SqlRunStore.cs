using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Engine;

namespace Greenlight.Store;

/// <summary>
/// The run store, the same statements on SQLite and PostgreSQL. Everything written has already
/// been redacted by the engine; nothing here sees a secret.
/// </summary>
internal sealed class SqlRunStore
{
    private static readonly StoreJson Json = StoreJson.Default;

    private SqlRunStore(StoreDialect dialect, int version)
    {
        Dialect = dialect;
        Version = version;
    }

    public StoreDialect Dialect { get; }

    public string Describe => Dialect.Describe;

    /// <summary>The store's schema version; a read-only store may be older than this build's.</summary>
    public int Version { get; }

    public static Task<SqlRunStore> OpenAsync(StoreDialect dialect, CancellationToken cancellationToken) =>
        OpenAsync(dialect, StoreWait.Default, cancellationToken);

    /// <summary>Opens the store for writing, creating or upgrading its schema; a lock is waited for as <paramref name="wait"/> says.</summary>
    public static async Task<SqlRunStore> OpenAsync(StoreDialect dialect, StoreWait wait, CancellationToken cancellationToken)
    {
        try
        {
            return await wait.RunAsync(dialect.Describe, async token =>
            {
                await using var connection = await dialect.OpenAsync(token);
                await StoreSchema.UpgradeAsync(dialect, connection, token);
                return new SqlRunStore(dialect, StoreSchema.CurrentVersion);
            }, cancellationToken);
        }
        catch (DbException ex)
        {
            throw new StoreException($"cannot open the store at {dialect.Describe}: {Secrets.Redactor.None.Redact(ex.Message)}", ex);
        }
    }

    /// <summary>
    /// Opens the store for <c>history</c>, <c>show</c> and <c>report</c>. A store that cannot be
    /// written (a read-only file or mount) is still read, as it is, without upgrading it.
    /// </summary>
    public static async Task<SqlRunStore> OpenForReadingAsync(StoreDialect dialect, CancellationToken cancellationToken)
    {
        if (dialect is SqliteDialect sqlite && !CanWrite(sqlite.Path))
        {
            var readOnly = sqlite.AsReadOnly();
            try
            {
                await using var connection = await readOnly.OpenAsync(cancellationToken);
                var version = await StoreSchema.ReadVersionAsync(connection, cancellationToken);
                if (version > StoreSchema.CurrentVersion)
                {
                    throw new StoreException($"the store at {dialect.Describe} has schema version {version}, newer than this greenlight knows ({StoreSchema.CurrentVersion}): upgrade greenlight");
                }

                return new SqlRunStore(readOnly, version);
            }
            catch (DbException ex)
            {
                throw new StoreException($"cannot read the store at {dialect.Describe}: {ex.Message}", ex);
            }
        }

        return await OpenAsync(dialect, cancellationToken);
    }

    /// <summary>
    /// A store read as it is, never created or upgraded (the dashboard): <paramref name="dialect"/> must open
    /// read-only connections, and <paramref name="version"/> is what the store says it is.
    /// </summary>
    public static SqlRunStore ForReadingOnly(StoreDialect dialect, int version) => new(dialect, version);

    private static bool CanWrite(string path)
    {
        try
        {
            using (File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
            }

            // WAL needs its -shm and -wal beside the file: the folder must take new files too.
            var probe = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".greenlight-write-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public Task<DbConnection> ConnectAsync(CancellationToken cancellationToken) => Dialect.OpenAsync(cancellationToken);

    // ---- writing -------------------------------------------------------------------------

    public static async Task InsertRunAsync(DbConnection c, DbTransaction t, string runId, string spec, string specPath, string specHash,
        string phase, DateTimeOffset startedAt, int planned, RunProvenance provenance, string? environment, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(c, """
            INSERT INTO gl_runs (id, spec, spec_path, spec_hash, phase, status, started_at, planned, user_name, host, pid, git_commit, git_branch, environment)
            VALUES (@id, @spec, @path, @hash, @phase, 'running', @started, @planned, @user, @host, @pid, @commit, @branch, @environment)
            """, t,
            ("id", runId), ("spec", spec), ("path", specPath), ("hash", specHash), ("phase", phase), ("started", Sql.Time(startedAt)),
            ("planned", (long)planned), ("user", provenance.User), ("host", provenance.Host), ("pid", (long)Environment.ProcessId),
            ("commit", provenance.GitCommit), ("branch", provenance.GitBranch), ("environment", environment));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A result with its attempts and evidence, in <paramref name="batch"/>'s transaction (its statements prepared once per batch).</summary>
    public static async Task InsertResultAsync(SqlBatch batch, string runId, int ordinal, CheckResult r, CancellationToken cancellationToken)
    {
        await batch.ExecuteAsync("""
            INSERT INTO gl_results (run_id, check_id, ordinal, title, kind, phase, severity, area, outcome, started_at, duration_ms,
                attempts, message, fix, skipped_for_need, warnings, assertions, captures, blocked_by, source, spec_line, spec_column)
            VALUES (@run, @id, @ordinal, @title, @kind, @phase, @severity, @area, @outcome, @started, @duration,
                @attempts, @message, @fix, @skipped, @warnings, @assertions, @captures, @blocked, @source, @line, @column)
            """, cancellationToken,
            ("run", runId), ("id", r.Id), ("ordinal", (long)ordinal), ("title", r.Title), ("kind", r.Kind.Value), ("phase", r.Phase.Code()),
            ("severity", r.Severity.Code()), ("area", r.Area), ("outcome", OutcomeCode(r.Outcome)), ("started", Sql.Time(r.StartedAt)),
            ("duration", r.DurationMs), ("attempts", (long)r.Attempts), ("message", r.Message), ("fix", r.Fix),
            ("skipped", r.SkippedForNeed ? 1L : 0L), ("warnings", JsonSerializer.Serialize(r.Warnings, Json.IReadOnlyListString)),
            ("assertions", JsonSerializer.Serialize(r.Assertions, Json.IReadOnlyListAssertionResult)), ("captures", JsonSerializer.Serialize(r.Captures, Json.IReadOnlyDictionaryStringString)),
            ("blocked", r.BlockedBy.Count == 0 ? null : JsonSerializer.Serialize(r.BlockedBy, Json.IReadOnlyListString)), ("source", r.Source),
            ("line", (long)r.SpecLine), ("column", (long)r.SpecColumn));

        foreach (var attempt in r.AttemptLog)
        {
            await batch.ExecuteAsync("""
                INSERT INTO gl_attempts (run_id, check_id, number, outcome, message, duration_ms, started_at)
                VALUES (@run, @id, @number, @outcome, @message, @duration, @started)
                """, cancellationToken,
                ("run", runId), ("id", r.Id), ("number", (long)attempt.Number), ("outcome", OutcomeCode(attempt.Outcome)),
                ("message", attempt.Message), ("duration", attempt.DurationMs), ("started", Sql.Time(attempt.StartedAt)));
        }

        for (var i = 0; i < r.Evidence.Count; i++)
        {
            await InsertEvidenceAsync(batch, runId, r.Id, i, r.Evidence[i], cancellationToken);
        }
    }

    public static Task InsertEvidenceAsync(SqlBatch batch, string runId, string checkId, int ordinal, EvidenceItem evidence, CancellationToken cancellationToken) =>
        batch.ExecuteAsync("""
            INSERT INTO gl_evidence (run_id, check_id, ordinal, name, content, full_length)
            VALUES (@run, @id, @ordinal, @name, @content, @full)
            """, cancellationToken,
            ("run", runId), ("id", checkId), ("ordinal", (long)ordinal), ("name", evidence.Name), ("content", evidence.Content), ("full", evidence.FullLength));

    public static async Task FinishRunAsync(DbConnection c, DbTransaction t, RunReport report, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(c, """
            UPDATE gl_runs SET status = @status, verdict = @verdict, reasons = @reasons, notes = @notes, finished_at = @finished
            WHERE id = @id
            """, t,
            ("status", report.Interrupted ? "interrupted" : "finished"), ("verdict", VerdictRules.Code(report.Verdict)),
            ("reasons", JsonSerializer.Serialize(report.Reasons, Json.IReadOnlyListString)), ("notes", JsonSerializer.Serialize(report.Notes, Json.IReadOnlyListString)),
            ("finished", Sql.Time(report.FinishedAt)), ("id", report.RunId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // ---- reading -------------------------------------------------------------------------

    /// <summary>Resolves an id, a unique prefix, <c>last</c> or <c>last~N</c> to a run id.</summary>
    public async Task<string> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        await using var c = await ConnectAsync(cancellationToken);
        if (reference == "last" || reference.StartsWith("last~", StringComparison.Ordinal))
        {
            var back = 0;
            if (reference.Length > 4 && (!int.TryParse(reference[5..], NumberStyles.None, CultureInfo.InvariantCulture, out back)))
            {
                throw new StoreException($"`{reference}`: expected last, last~N (N runs before the last), an id or a unique id prefix");
            }

            await using var command = Sql.Command(c, "SELECT id FROM gl_runs ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET @n", null, ("n", (long)back));
            return await command.ExecuteScalarAsync(cancellationToken) as string
                ?? throw new StoreException(back == 0 ? $"no runs are stored in {Describe} yet" : $"`{reference}`: only {await CountAsync(c, cancellationToken)} runs are stored");
        }

        await using (var command = Sql.Command(c, "SELECT id FROM gl_runs WHERE id LIKE @prefix ORDER BY started_at DESC LIMIT 6", null, ("prefix", EscapeLike(reference) + "%")))
        {
            var matches = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                matches.Add(reader.GetString(0));
            }

            return matches.Count switch
            {
                1 => matches[0],
                0 => throw new StoreException($"no run has an id starting with `{reference}` in {Describe} (see greenlight history)"),
                _ when matches.Contains(reference) => reference,
                _ => throw new StoreException($"`{reference}` matches several runs ({string.Join(", ", matches.Take(5))}…): give more of the id"),
            };
        }
    }

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var c = await ConnectAsync(cancellationToken);
        var environment = Version >= 6 ? "r.environment" : "NULL";
        await using var command = Sql.Command(c, $"""
            SELECT r.id, r.spec, r.phase, r.status, r.verdict, r.started_at, r.finished_at, r.planned, r.user_name, r.host, r.pid, r.git_commit, r.git_branch,
                   SUM(CASE WHEN s.outcome = 'pass' THEN 1 ELSE 0 END), SUM(CASE WHEN s.outcome = 'fail' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN s.outcome = 'error' THEN 1 ELSE 0 END), SUM(CASE WHEN s.outcome = 'skipped' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN s.outcome = 'pending' THEN 1 ELSE 0 END), {environment}
            FROM gl_runs r LEFT JOIN gl_results s ON s.run_id = r.id
            GROUP BY r.id, r.spec, r.phase, r.status, r.verdict, r.started_at, r.finished_at, r.planned, r.user_name, r.host, r.pid, r.git_commit, r.git_branch{(Version >= 6 ? ", r.environment" : "")}
            ORDER BY r.started_at DESC, r.id DESC LIMIT @limit
            """, null, ("limit", (long)limit));
        var runs = new List<RunSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            int Count(int i) => reader.IsDBNull(i) ? 0 : (int)Sql.Long(reader, i);
            var status = Status(reader.GetString(3), reader.GetString(9), Sql.Long(reader, 10));
            runs.Add(new RunSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), status,
                Sql.Text(reader, 4) is { } v ? ParseVerdict(v) : null,
                Sql.ParseTime(reader.GetString(5)), Sql.Text(reader, 6) is { } f ? Sql.ParseTime(f) : null,
                new OutcomeCounts(Count(13), Count(14), Count(15), Count(16), Count(17)), (int)Sql.Long(reader, 7),
                reader.GetString(8), reader.GetString(9), Sql.Text(reader, 11), Sql.Text(reader, 12), Sql.Text(reader, 18)));
        }

        return runs;
    }

    public async Task<IReadOnlyList<CheckHistoryEntry>> CheckHistoryAsync(string checkId, int limit, CancellationToken cancellationToken)
    {
        await using var c = await ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, """
            SELECT r.id, r.started_at, s.outcome, s.duration_ms, s.attempts, s.message
            FROM gl_results s JOIN gl_runs r ON r.id = s.run_id
            WHERE s.check_id = @id ORDER BY r.started_at DESC, r.id DESC LIMIT @limit
            """, null, ("id", checkId), ("limit", (long)limit));
        var entries = new List<CheckHistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new CheckHistoryEntry(reader.GetString(0), Sql.ParseTime(reader.GetString(1)), ParseOutcome(reader.GetString(2)),
                Sql.Long(reader, 3), (int)Sql.Long(reader, 4), Sql.Text(reader, 5)));
        }

        return entries;
    }

    /// <summary>Rebuilds a run's report exactly as <c>check</c> produced it (a killed run: from what was stored).</summary>
    public async Task<(RunReport Report, RunStatus Status, int Planned)> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        await using var c = await ConnectAsync(cancellationToken);
        string spec, specPath, specHash, phase, statusText, user, host;
        string? verdict, reasons, notes, finished, commit, branch, environment;
        DateTimeOffset started;
        long pid, planned;
        await using (var command = Sql.Command(c, $"""
            SELECT spec, spec_path, spec_hash, phase, status, verdict, reasons, notes, started_at, finished_at, planned, user_name, host, pid, git_commit, git_branch, {(Version >= 6 ? "environment" : "NULL")}
            FROM gl_runs WHERE id = @id
            """, null, ("id", runId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new StoreException($"no run {runId} in {Describe}");
            }

            (spec, specPath, specHash, phase, statusText) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
            (verdict, reasons, notes) = (Sql.Text(reader, 5), Sql.Text(reader, 6), Sql.Text(reader, 7));
            (started, finished, planned) = (Sql.ParseTime(reader.GetString(8)), Sql.Text(reader, 9), Sql.Long(reader, 10));
            (user, host, pid, commit, branch) = (reader.GetString(11), reader.GetString(12), Sql.Long(reader, 13), Sql.Text(reader, 14), Sql.Text(reader, 15));
            environment = Sql.Text(reader, 16);
        }

        var attempts = new Dictionary<string, List<AttemptRecord>>(StringComparer.Ordinal);
        await using (var command = Sql.Command(c, "SELECT check_id, number, outcome, message, duration_ms, started_at FROM gl_attempts WHERE run_id = @id ORDER BY check_id, number", null, ("id", runId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Bucket(attempts, reader.GetString(0)).Add(new AttemptRecord((int)Sql.Long(reader, 1), ParseOutcome(reader.GetString(2)), Sql.Text(reader, 3), Sql.Long(reader, 4), Sql.ParseTime(reader.GetString(5))));
            }
        }

        var evidence = new Dictionary<string, List<EvidenceItem>>(StringComparer.Ordinal);
        await using (var command = Sql.Command(c, "SELECT check_id, name, content, full_length FROM gl_evidence WHERE run_id = @id ORDER BY check_id, ordinal", null, ("id", runId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Bucket(evidence, reader.GetString(0)).Add(new EvidenceItem(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : Sql.Long(reader, 3)));
            }
        }

        var results = new List<CheckResult>();
        await using (var command = Sql.Command(c, $"""
            SELECT check_id, title, kind, phase, severity, area, outcome, started_at, duration_ms, attempts, message, fix, skipped_for_need, warnings, assertions, captures, {(Version >= 2 ? "blocked_by" : "NULL")}, {(Version >= 5 ? "source" : "NULL")}, {(Version >= 6 ? "spec_line, spec_column" : "NULL, NULL")}
            FROM gl_results WHERE run_id = @id ORDER BY ordinal
            """, null, ("id", runId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0);
                results.Add(new CheckResult
                {
                    Id = id,
                    Title = Sql.Text(reader, 1),
                    Kind = reader.GetString(2),
                    Phase = ResultCodes.ParsePhase(reader.GetString(3)),
                    Severity = ResultCodes.ParseSeverity(reader.GetString(4)),
                    Area = Sql.Text(reader, 5),
                    Outcome = ParseOutcome(reader.GetString(6)),
                    StartedAt = Sql.ParseTime(reader.GetString(7)),
                    DurationMs = Sql.Long(reader, 8),
                    Attempts = (int)Sql.Long(reader, 9),
                    Message = Sql.Text(reader, 10),
                    Fix = Sql.Text(reader, 11),
                    SkippedForNeed = Sql.Long(reader, 12) != 0,
                    Warnings = JsonSerializer.Deserialize(reader.GetString(13), Json.ListString)!,
                    Assertions = JsonSerializer.Deserialize(reader.GetString(14), Json.ListAssertionResult)!,
                    Captures = JsonSerializer.Deserialize(reader.GetString(15), Json.DictionaryStringString)!,
                    BlockedBy = Sql.Text(reader, 16) is { } blocked ? JsonSerializer.Deserialize(blocked, Json.ListString)! : [],
                    Source = Sql.Text(reader, 17),
                    SpecLine = reader.IsDBNull(18) ? 0 : (int)Sql.Long(reader, 18),
                    SpecColumn = reader.IsDBNull(19) ? 0 : (int)Sql.Long(reader, 19),
                    AttemptLog = attempts.GetValueOrDefault(id) ?? [],
                    Evidence = evidence.GetValueOrDefault(id) ?? [],
                    Waiver = Waivers.AppliedWaiver.FromEvidence(evidence.GetValueOrDefault(id) ?? []),
                });
            }
        }

        var status = Status(statusText, host, pid);
        Verdict decided;
        List<string> why, noted;
        if (verdict is not null)
        {
            (decided, why, noted) = (ParseVerdict(verdict), JsonSerializer.Deserialize(reasons!, Json.ListString)!, JsonSerializer.Deserialize(notes!, Json.ListString)!);
        }
        else
        {
            // Killed before it finished: judge what was stored, as an interrupted run.
            (decided, why, noted) = VerdictRules.Decide(results, interrupted: true);
        }

        var report = new RunReport
        {
            RunId = runId,
            Spec = spec,
            SpecPath = specPath,
            SpecHash = specHash,
            Phase = phase,
            Environment = environment,
            Verdict = decided,
            Reasons = why,
            Notes = noted,
            Interrupted = status == RunStatus.Interrupted,
            StartedAt = started,
            FinishedAt = finished is not null ? Sql.ParseTime(finished) : results.Select(r => r.StartedAt.AddMilliseconds(r.DurationMs)).DefaultIfEmpty(started).Max(),
            Results = results,
            Provenance = new RunProvenance(user, host, commit, branch),
        };
        return (report, status, (int)planned);
    }

    public async Task<int> PruneAsync(int? keep, DateTimeOffset? olderThan, CancellationToken cancellationToken)
    {
        await using var c = await ConnectAsync(cancellationToken);
        await using var t = await c.BeginTransactionAsync(cancellationToken);
        var doomed = new List<string>();
        await using (var command = keep is int n
            ? Sql.Command(c, "SELECT id FROM gl_runs ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET @n".Replace("LIMIT -1", Dialect is PostgresDialect ? "LIMIT ALL" : "LIMIT -1", StringComparison.Ordinal), t, ("n", (long)n))
            : Sql.Command(c, "SELECT id FROM gl_runs WHERE started_at < @before", t, ("before", Sql.Time(olderThan!.Value))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                doomed.Add(reader.GetString(0));
            }
        }

        foreach (var table in new[] { "gl_measurements", "gl_watch", "gl_evidence", "gl_attempts", "gl_results", "gl_runs" })
        {
            foreach (var chunk in doomed.Chunk(200))
            {
                var names = chunk.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToList();
                await using var delete = Sql.Command(c, $"DELETE FROM {table} WHERE {(table == "gl_runs" ? "id" : "run_id")} IN ({string.Join(", ", names)})", t,
                    [.. chunk.Select((id, i) => (names[i][1..], (object?)id))]);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await t.CommitAsync(cancellationToken);
        return doomed.Count;
    }

    private static async Task<long> CountAsync(DbConnection c, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(c, "SELECT COUNT(*) FROM gl_runs");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>A run still marked running whose process is gone from this host was killed.</summary>
    internal static RunStatus Status(string status, string host, long pid) => status switch
    {
        "finished" => RunStatus.Finished,
        "interrupted" => RunStatus.Interrupted,
        _ when host == Environment.MachineName && !ProcessAlive((int)pid) => RunStatus.Interrupted,
        _ => RunStatus.Running,
    };

    private static bool ProcessAlive(int pid)
    {
        try
        {
            return System.IO.File.Exists($"/proc/{pid}/stat") && !System.IO.File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static List<T> Bucket<T>(Dictionary<string, List<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }

    private static string EscapeLike(string text) => text.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);

    public static string OutcomeCode(CheckOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static CheckOutcome ParseOutcome(string code) => Enum.Parse<CheckOutcome>(code, ignoreCase: true);

    public static Verdict ParseVerdict(string code) => code switch
    {
        "go" => Verdict.Go,
        "go_with_warnings" => Verdict.GoWithWarnings,
        "hold" => Verdict.Hold,
        _ => Verdict.NoGo,
    };
}
