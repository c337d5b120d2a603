using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Greenlight.Engine;
using Greenlight.Store;
using Greenlight.Watch;

namespace Greenlight.Dashboard;

/// <summary>
/// What the dashboard reads, and nothing it could write: every query runs on read-only connections
/// (SQLite opened read-only, PostgreSQL sessions read-only). Every query is bounded by a spec, a run
/// or a limit, and walks an index (store schema version 8), so its cost does not grow with the store.
/// </summary>
internal sealed class DashboardStore
{
    public const int StripLength = 30;
    public const int TrendRuns = 30;

    private DashboardStore(SqlRunStore store) => Store = store;

    public SqlRunStore Store { get; }

    public string Describe => Store.Describe;

    /// <summary>Opens the store named by <c>--store</c> (or GREENLIGHT_STORE, or the default beside <paramref name="specPath"/>) for reading only.</summary>
    public static async Task<DashboardStore> OpenAsync(string? store, string specPath, CancellationToken cancellationToken)
    {
        var located = RunStoreFactory.Locate(store, specPath);
        StoreDialect dialect = located switch
        {
            SqliteDialect sqlite when !File.Exists(sqlite.Path) =>
                throw new StoreException($"no runs are recorded yet: {sqlite.Path} does not exist (run greenlight check first, or give --store)"),
            SqliteDialect sqlite when FolderTakesFiles(sqlite.Path) => new ReadOnlySqliteDialect(sqlite.Path),
            SqliteDialect sqlite => sqlite.AsReadOnly(),
            _ => new ReadOnlyPostgresDialect(store ?? Environment.GetEnvironmentVariable(RunStoreFactory.EnvironmentVariable)!),
        };

        int version;
        try
        {
            await using var connection = await dialect.OpenAsync(cancellationToken);
            version = await ReadVersionAsync(connection, cancellationToken);
        }
        catch (DbException ex)
        {
            throw new StoreException($"cannot read the store at {dialect.Describe}: {Secrets.Redactor.None.Redact(ex.Message)}", ex);
        }

        if (version == 0)
        {
            throw new StoreException($"{dialect.Describe} is not a greenlight store (no gl_meta schema version): run greenlight check with --store pointing at it first");
        }

        if (version > StoreSchema.CurrentVersion)
        {
            throw new StoreException($"the store at {dialect.Describe} has schema version {version}, newer than this greenlight knows ({StoreSchema.CurrentVersion}): upgrade greenlight");
        }

        return new DashboardStore(SqlRunStore.ForReadingOnly(dialect, version));
    }

    /// <summary>True when the store's schema predates the dashboard's indexes (it is read, but slower, until a writer upgrades it).</summary>
    public bool MissingIndexes => Store.Version < 8;

    private static bool FolderTakesFiles(string path)
    {
        // Read-only WAL readers need the -shm beside the file: a folder that cannot take it gets the frozen read.
        try
        {
            var probe = Path.Combine(Path.GetDirectoryName(path)!, $".greenlight-serve-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = Sql.Command(connection, "SELECT value FROM gl_meta WHERE key = 'schema_version'");
            return await command.ExecuteScalarAsync(cancellationToken) is string text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        }
        catch (DbException)
        {
            return 0; // no gl_meta table: not a store
        }
    }

    // ---- specs and runs ------------------------------------------------------------------

    public async Task<IReadOnlyList<string>> SpecNamesAsync(CancellationToken cancellationToken) =>
        [.. (await SpecEnvironmentsAsync(cancellationToken)).Select(s => s.Spec).Distinct(StringComparer.Ordinal)];

    /// <summary>Every (spec, environment) pair with its number of runs, in one pass over gl_runs (the environment is "" for none).</summary>
    private async Task<IReadOnlyList<(string Spec, string Environment, int Runs)>> SpecEnvironmentsAsync(CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        var environment = Store.Version >= 6 ? "COALESCE(environment, '')" : "''";
        await using var command = Sql.Command(c, $"SELECT spec, {environment}, COUNT(*) FROM gl_runs GROUP BY spec, {environment} ORDER BY spec, {environment}");
        var pairs = new List<(string, string, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pairs.Add((reader.GetString(0), reader.GetString(1), (int)Sql.Long(reader, 2)));
        }

        return pairs;
    }

    /// <summary>The home page: every spec and environment with its newest run and its last <see cref="StripLength"/> verdicts.</summary>
    public async Task<IReadOnlyList<SpecOverview>> SpecsAsync(CancellationToken cancellationToken)
    {
        var list = new List<SpecOverview>();
        foreach (var (spec, environment, count) in await SpecEnvironmentsAsync(cancellationToken))
        {
            // Only the newest run needs its counts (a join with its results); the strip reads gl_runs alone.
            var last = await RunsAsync(spec, 1, environment, cancellationToken);
            if (last.Count == 0)
            {
                continue;
            }

            list.Add(new SpecOverview(spec, environment.Length == 0 ? null : environment, last[0], await StripAsync(spec, environment, cancellationToken), count));
        }

        return list;
    }

    private async Task<IReadOnlyList<VerdictMark>> StripAsync(string spec, string environment, CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        var where = Store.Version >= 6 ? "COALESCE(environment, '') = @environment" : "'' = @environment";
        await using var command = Sql.Command(c, $"""
            SELECT id, phase, started_at, status, host, pid, verdict FROM gl_runs
            WHERE spec = @spec AND {where} ORDER BY started_at DESC, id DESC LIMIT @limit
            """, null, ("spec", spec), ("environment", environment), ("limit", (long)StripLength));
        var marks = new List<VerdictMark>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            marks.Add(Mark(reader));
        }

        return marks;
    }

    private static VerdictMark Mark(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), Sql.ParseTime(reader.GetString(2)),
            SqlRunStore.Status(reader.GetString(3), reader.GetString(4), Sql.Long(reader, 5)),
            Sql.Text(reader, 6) is { } v ? SqlRunStore.ParseVerdict(v) : null);

    /// <summary>
    /// Runs newest first (of one spec, and of one environment, "" for none, when given) with their counts;
    /// the limit is applied before the counts are summed.
    /// </summary>
    public async Task<IReadOnlyList<RunSummary>> RunsAsync(string? spec, int limit, string? environment, CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        var hasEnvironment = Store.Version >= 6;
        var where = (spec, environment) switch
        {
            (null, _) => "",
            (_, null) => "WHERE spec = @spec",
            _ when hasEnvironment => "WHERE spec = @spec AND COALESCE(environment, '') = @environment",
            _ => "WHERE spec = @spec AND '' = @environment",
        };
        var environmentColumn = hasEnvironment ? "r.environment" : "NULL";
        await using var command = Sql.Command(c, $"""
            SELECT r.id, r.spec, r.phase, r.status, r.verdict, r.started_at, r.finished_at, r.planned, r.user_name, r.host, r.pid, r.git_commit, r.git_branch,
                   SUM(CASE WHEN s.outcome = 'pass' THEN 1 ELSE 0 END), SUM(CASE WHEN s.outcome = 'fail' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN s.outcome = 'error' THEN 1 ELSE 0 END), SUM(CASE WHEN s.outcome = 'skipped' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN s.outcome = 'pending' THEN 1 ELSE 0 END), {environmentColumn}
            FROM (SELECT * FROM gl_runs {where} ORDER BY started_at DESC, id DESC LIMIT @limit) r
            LEFT JOIN gl_results s ON s.run_id = r.id
            GROUP BY r.id, r.spec, r.phase, r.status, r.verdict, r.started_at, r.finished_at, r.planned, r.user_name, r.host, r.pid, r.git_commit, r.git_branch{(hasEnvironment ? ", r.environment" : "")}
            ORDER BY r.started_at DESC, r.id DESC
            """, null, ("spec", spec), ("environment", environment ?? ""), ("limit", (long)Math.Max(1, limit)));
        var runs = new List<RunSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            int Count(int i) => reader.IsDBNull(i) ? 0 : (int)Sql.Long(reader, i);
            var status = SqlRunStore.Status(reader.GetString(3), reader.GetString(9), Sql.Long(reader, 10));
            runs.Add(new RunSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), status,
                Sql.Text(reader, 4) is { } v ? SqlRunStore.ParseVerdict(v) : null,
                Sql.ParseTime(reader.GetString(5)), Sql.Text(reader, 6) is { } f ? Sql.ParseTime(f) : null,
                new OutcomeCounts(Count(13), Count(14), Count(15), Count(16), Count(17)), (int)Sql.Long(reader, 7),
                reader.GetString(8), reader.GetString(9), Sql.Text(reader, 11), Sql.Text(reader, 12), Sql.Text(reader, 18)));
        }

        return runs;
    }

    /// <summary>A spec's page; null when the store holds no run of it.</summary>
    public async Task<SpecDetail?> SpecAsync(string spec, int runs, CancellationToken cancellationToken)
    {
        var recent = await RunsAsync(spec, runs, null, cancellationToken);
        if (recent.Count == 0)
        {
            return null;
        }

        var oldest = recent[^1];
        await using var c = await Store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, """
            SELECT s.check_id, s.title, s.kind, s.severity, r.id, r.started_at, s.outcome, s.duration_ms, s.attempts, s.message
            FROM gl_runs r JOIN gl_results s ON s.run_id = r.id
            WHERE r.spec = @spec AND (r.started_at > @from OR (r.started_at = @from AND r.id >= @fromId))
            ORDER BY r.started_at, r.id
            """, null, ("spec", spec), ("from", Sql.Time(oldest.StartedAt)), ("fromId", oldest.Id));
        var checks = new Dictionary<string, (string? Title, string Kind, string Severity, List<CheckPoint> Points)>(StringComparer.Ordinal);
        var order = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (!checks.TryGetValue(id, out var entry))
            {
                entry = (null, "", "", []);
                order.Add(id);
            }

            // The newest run's title, kind and severity describe the check.
            entry = (Sql.Text(reader, 1), reader.GetString(2), reader.GetString(3), entry.Points);
            entry.Points.Add(Point(reader, 4));
            checks[id] = entry;
        }

        return new SpecDetail(spec, recent, [.. order.Select(id => new CheckTrend(id, checks[id].Title, checks[id].Kind, checks[id].Severity, checks[id].Points))]);
    }

    /// <summary>One check of one spec over its runs, newest first.</summary>
    public async Task<IReadOnlyList<CheckPoint>> CheckHistoryAsync(string spec, string checkId, int limit, CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, """
            SELECT r.id, r.started_at, s.outcome, s.duration_ms, s.attempts, s.message
            FROM gl_runs r JOIN gl_results s ON s.run_id = r.id AND s.check_id = @check
            WHERE r.spec = @spec ORDER BY r.started_at DESC, r.id DESC LIMIT @limit
            """, null, ("spec", spec), ("check", checkId), ("limit", (long)Math.Max(1, limit)));
        var points = new List<CheckPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(Point(reader, 0));
        }

        return points;
    }

    private static CheckPoint Point(DbDataReader reader, int o) =>
        new(reader.GetString(o), Sql.ParseTime(reader.GetString(o + 1)), SqlRunStore.ParseOutcome(reader.GetString(o + 2)),
            Sql.Long(reader, o + 3), (int)Sql.Long(reader, o + 4), Sql.Text(reader, o + 5));

    /// <summary>The newest run of a spec that has a verdict (a run still going has none yet); null when there is none.</summary>
    public async Task<VerdictMark?> LastVerdictAsync(string spec, CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, """
            SELECT id, phase, started_at, status, host, pid, verdict FROM gl_runs
            WHERE spec = @spec AND verdict IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1
            """, null, ("spec", spec));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Mark(reader) : null;
    }

    /// <summary>A run exactly as <c>greenlight report</c> rebuilds it; null when there is no such run.</summary>
    public async Task<(RunReport Report, RunStatus Status)?> RunAsync(string runId, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(runId, cancellationToken))
        {
            return null;
        }

        var (report, status, _) = await Store.LoadAsync(runId, cancellationToken);
        return (report, status);
    }

    /// <summary>
    /// The run page: exactly the HTML report of the run (<c>greenlight report RUN --format html</c>),
    /// compared with the spec's previous run from this store; null when there is no such run.
    /// </summary>
    public async Task<string?> RunPageAsync(string runId, CancellationToken cancellationToken)
    {
        if (await RunAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var review = await Reports.Html.ReleaseReviewBuilder.BuildAsync(run.Report, Store, cancellationToken);
        return Reports.Html.HtmlReportWriter.Render(review with { Links = new Reports.Html.ReviewLinks("/", $"/specs/{Uri.EscapeDataString(run.Report.Spec)}") });
    }

    private async Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, "SELECT COUNT(*) FROM gl_runs WHERE id = @id", null, ("id", runId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    // ---- watch windows -------------------------------------------------------------------

    /// <summary>Windows still running, newest first (the home page links each to its live page).</summary>
    public async Task<IReadOnlyList<(string RunId, string Spec, string Window)>> RunningWatchesAsync(CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, """
            SELECT w.run_id, r.spec, w.window_name FROM gl_watch w JOIN gl_runs r ON r.id = w.run_id
            WHERE w.status = 'running' ORDER BY w.window_start DESC LIMIT 20
            """);
        var list = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return list;
    }

    /// <summary>A watch window with its measurements after tick <paramref name="afterTick"/>; null when the run is not a watch.</summary>
    public async Task<WatchView?> WatchAsync(string runId, int afterTick, CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        WatchView view;
        await using (var command = Sql.Command(c, """
            SELECT r.spec, w.window_name, w.window_start, w.every_ms, w.for_ms, w.status, w.verdict, w.checks
            FROM gl_watch w JOIN gl_runs r ON r.id = w.run_id WHERE w.run_id = @run
            """, null, ("run", runId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            view = new WatchView(runId, reader.GetString(0), reader.GetString(1), Sql.ParseTime(reader.GetString(2)),
                TimeSpan.FromMilliseconds(Sql.Long(reader, 3)), TimeSpan.FromMilliseconds(Sql.Long(reader, 4)), reader.GetString(5),
                Sql.Text(reader, 6) is { } v ? SqlRunStore.ParseVerdict(v) : null,
                JsonSerializer.Deserialize(reader.GetString(7), DashboardJsonContext.Default.ListString) ?? [], []);
        }

        var measurements = await WatchStore.MeasurementsAsync(Store, runId, null, cancellationToken);
        return view with { Measurements = [.. measurements.Where(m => m.Tick > afterTick)] };
    }
}
