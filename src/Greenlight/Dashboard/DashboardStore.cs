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

    // Built answers reused until a run is added (see PageCache): under 20 clients on 2 cores a spec
    // page (3,000 result rows, a 250 KB page) queued every other request behind it.
    private readonly PageCache<string> _specPages = new(64);
    private readonly PageCache<string> _runPages = new(32);
    private readonly PageCache<IReadOnlyList<SpecOverview>> _home = new(1);

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

    /// <summary>
    /// The home page: every spec and environment with its newest run and its last <see cref="StripLength"/> verdicts.
    /// Reused while gl_runs has the same newest and oldest start and nothing shown is still running.
    /// </summary>
    public async Task<IReadOnlyList<SpecOverview>> SpecsAsync(CancellationToken cancellationToken)
    {
        var stamp = await StampAsync(null, cancellationToken);
        if (_home.Get("", stamp) is { } cached)
        {
            return cached;
        }

        var list = await ReadSpecsAsync(cancellationToken);
        if (list.All(o => o.Last.Status != RunStatus.Running && o.Strip.All(m => m.Status != RunStatus.Running)))
        {
            _home.Put("", stamp, list);
        }

        return list;
    }

    /// <summary>
    /// What changes when a run is recorded: for a spec, its number of runs and its newest run id (both from
    /// the gl_runs (spec, started_at) index); for the whole store, the newest and the oldest start (two
    /// lookups in gl_runs (started_at); a COUNT(*) of the whole table took 10 ms on 10,000 runs).
    /// </summary>
    private async Task<string> StampAsync(string? spec, CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        await using var command = spec is null
            ? Sql.Command(c, "SELECT (SELECT MAX(started_at) FROM gl_runs), (SELECT MIN(started_at) FROM gl_runs)")
            : Sql.Command(c, """
                SELECT (SELECT COUNT(*) FROM gl_runs WHERE spec = @spec), id FROM gl_runs
                WHERE spec = @spec ORDER BY started_at DESC, id DESC LIMIT 1
                """, null, ("spec", spec));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? $"{Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)}|{Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)}"
            : "";
    }

    private async Task<IReadOnlyList<SpecOverview>> ReadSpecsAsync(CancellationToken cancellationToken)
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

    /// <summary>
    /// A spec's page as HTML; null when the store holds no run of it. Reused until the spec's newest run id
    /// or its number of runs changes; never while one of its shown runs is still running.
    /// </summary>
    public async Task<string?> SpecPageAsync(string spec, CancellationToken cancellationToken)
    {
        var stamp = await StampAsync(spec, cancellationToken);
        if (stamp.Length == 0)
        {
            return null;
        }

        if (_specPages.Get(spec, stamp) is { } cached)
        {
            return cached;
        }

        if (await SpecAsync(spec, TrendRuns, cancellationToken) is not { } detail)
        {
            return null;
        }

        var page = DashboardPages.Spec(detail);
        if (detail.Runs.All(r => r.Status != RunStatus.Running))
        {
            _specPages.Put(spec, stamp, page);
        }

        return page;
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
    /// <remarks>A finished run does not change, so its page is reused while the run is stored with the same finish time.</remarks>
    public async Task<string?> RunPageAsync(string runId, CancellationToken cancellationToken)
    {
        var finished = await FinishedAtAsync(runId, cancellationToken);
        if (finished is { Length: > 0 } && _runPages.Get(runId, finished) is { } cached)
        {
            return cached;
        }

        if (finished is null || await RunAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var review = await Reports.Html.ReleaseReviewBuilder.BuildAsync(run.Report, Store, cancellationToken);
        var page = Reports.Html.HtmlReportWriter.Render(review with { Links = new Reports.Html.ReviewLinks("/", $"/specs/{Uri.EscapeDataString(run.Report.Spec)}") });
        if (finished.Length > 0 && run.Status != RunStatus.Running)
        {
            _runPages.Put(runId, finished, page);
        }

        return page;
    }

    /// <summary>The run's finish time as stored; "" while it has none; null when there is no such run.</summary>
    private async Task<string?> FinishedAtAsync(string runId, CancellationToken cancellationToken)
    {
        await using var c = await Store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, "SELECT COALESCE(finished_at, '') FROM gl_runs WHERE id = @id", null, ("id", runId));
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? text : null;
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
            SELECT w.run_id, (SELECT r.spec FROM gl_runs r WHERE r.id = w.run_id), w.window_name FROM gl_watch w
            WHERE w.status = 'running' AND EXISTS (SELECT 1 FROM gl_runs r WHERE r.id = w.run_id) ORDER BY w.window_start DESC LIMIT 20
            """);
        // Subqueries, not a join: with few windows SQLite's planner scanned all of gl_runs for the join (14 ms on 10,000 runs).
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
