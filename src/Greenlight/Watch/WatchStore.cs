using System.Globalization;
using System.Text.Json;
using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Store;

namespace Greenlight.Watch;

/// <summary>
/// A window in the run store: the run row (phase <c>watch</c>) as <c>history</c> lists it, the
/// window's schedule, and one row per measurement, each tick committed in one transaction before
/// the next tick starts. Evidence is kept for every measurement that did not pass and for each
/// check's first one, so a long window's store grows by a row per measurement, not by bodies.
/// </summary>
internal sealed class WatchStore(SqlRunStore store, SpecDocument spec, RunProvenance provenance) : IWatchJournal
{
    private static readonly StoreJson Json = StoreJson.Default;
    private readonly HashSet<string> _withEvidence = new(StringComparer.Ordinal);

    public async Task StartAsync(WatchPlan plan, string runId, DateTimeOffset windowStart, bool resumed, CancellationToken cancellationToken)
    {
        await using var c = await store.ConnectAsync(cancellationToken);
        await using var t = await c.BeginTransactionAsync(cancellationToken);
        if (resumed)
        {
            // This process carries the window on: history must not call it killed.
            await using var update = Sql.Command(c, "UPDATE gl_runs SET status = 'running', pid = @pid, host = @host WHERE id = @run", t,
                ("pid", (long)Environment.ProcessId), ("host", provenance.Host), ("run", runId));
            await update.ExecuteNonQueryAsync(cancellationToken);
            await using var watch = Sql.Command(c, "UPDATE gl_watch SET status = 'running' WHERE run_id = @run", t, ("run", runId));
            await watch.ExecuteNonQueryAsync(cancellationToken);
            await t.CommitAsync(cancellationToken);
            return;
        }

        await SqlRunStore.InsertRunAsync(c, t, runId, spec.Name, spec.Path, spec.Hash, "watch", windowStart, plan.Checks.Count, provenance, spec.Environment, cancellationToken);
        await using (var command = Sql.Command(c, """
            INSERT INTO gl_watch (run_id, window_name, window_start, every_ms, for_ms, delay_ms, checks, status)
            VALUES (@run, @window, @start, @every, @for, @delay, @checks, 'running')
            """, t,
            ("run", runId), ("window", plan.Window), ("start", Sql.Time(windowStart)), ("every", (long)plan.Every.TotalMilliseconds),
            ("for", (long)plan.For.TotalMilliseconds), ("delay", (long)plan.InitialDelay.TotalMilliseconds),
            ("checks", JsonSerializer.Serialize(plan.Checks.Select(p => p.Check.Id).ToList(), Json.ListString))))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await t.CommitAsync(cancellationToken);
    }

    public async Task RecordAsync(string runId, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        await using var c = await store.ConnectAsync(cancellationToken);
        await using var t = await c.BeginTransactionAsync(cancellationToken);
        foreach (var m in measurements)
        {
            var keep = m.Outcome != MeasurementOutcome.Pass || _withEvidence.Add(m.CheckId);
            await using var command = Sql.Command(c, """
                INSERT INTO gl_measurements (run_id, check_id, tick, planned_at, started_at, duration_ms, outcome, value, number, message, no_data, assertions, evidence)
                VALUES (@run, @check, @tick, @planned, @started, @duration, @outcome, @value, @number, @message, @nodata, @assertions, @evidence)
                """, t,
                ("run", runId), ("check", m.CheckId), ("tick", (long)m.Tick), ("planned", Sql.Time(m.PlannedAt)), ("started", Sql.Time(m.StartedAt)),
                ("duration", m.DurationMs), ("outcome", WatchJudge.Code(m.Outcome)), ("value", m.Value),
                ("number", m.Number?.ToString("R", CultureInfo.InvariantCulture)), ("message", m.Message), ("nodata", m.NoData ? 1L : 0L),
                ("assertions", JsonSerializer.Serialize(m.Assertions, Json.IReadOnlyListAssertionResult)), ("evidence", keep ? JsonSerializer.Serialize(m.Evidence, Json.IReadOnlyListEvidenceItem) : null));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await t.CommitAsync(cancellationToken);
    }

    public async Task FinishAsync(WatchReport report, CancellationToken cancellationToken)
    {
        await using var c = await store.ConnectAsync(cancellationToken);
        await using var t = await c.BeginTransactionAsync(cancellationToken);
        if (!report.Interrupted)
        {
            // Each check's decision is also a result row, so history, show and report read a watch like a check run.
            await using (var delete = Sql.Command(c, "DELETE FROM gl_results WHERE run_id = @run", t, ("run", report.RunId)))
            {
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            var ordinal = 0;
            await using var batch = new SqlBatch(c, t);
            foreach (var check in report.Checks)
            {
                await SqlRunStore.InsertResultAsync(batch, report.RunId, ordinal++, AsResult(check, report.StartedAt), cancellationToken);
            }
        }

        await SqlRunStore.FinishRunAsync(c, t, AsRunReport(report), cancellationToken);
        await using (var command = Sql.Command(c, "UPDATE gl_watch SET status = @status, verdict = @verdict, report = @report WHERE run_id = @run", t,
            ("status", report.Interrupted ? "interrupted" : "finished"), ("verdict", VerdictRules.Code(report.Verdict)),
            ("report", JsonSerializer.Serialize(report, Json.WatchReport)), ("run", report.RunId)))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await t.CommitAsync(cancellationToken);
    }

    /// <summary>The window to continue: the one named, else the last unfinished watch of this spec.</summary>
    public static async Task<WatchResume> LoadResumeAsync(SqlRunStore store, string specName, string? reference, CancellationToken cancellationToken)
    {
        string runId;
        if (reference is not null)
        {
            runId = await store.ResolveAsync(reference, cancellationToken);
        }
        else
        {
            await using var c0 = await store.ConnectAsync(cancellationToken);
            await using var find = Sql.Command(c0, """
                SELECT w.run_id FROM gl_watch w JOIN gl_runs r ON r.id = w.run_id
                WHERE r.spec = @spec AND w.status <> 'finished' ORDER BY w.window_start DESC LIMIT 1
                """, null, ("spec", specName));
            runId = await find.ExecuteScalarAsync(cancellationToken) as string
                ?? throw new StoreException($"no unfinished watch of `{specName}` is stored in {store.Describe} (greenlight history lists the runs)");
        }

        await using var c = await store.ConnectAsync(cancellationToken);
        WatchResume resume;
        await using (var command = Sql.Command(c, "SELECT window_name, window_start, every_ms, for_ms, delay_ms, status FROM gl_watch WHERE run_id = @run", null, ("run", runId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new StoreException($"run {runId} is not a watch window");
            }

            if (reader.GetString(5) == "finished")
            {
                throw new StoreException($"the watch window of run {runId} has already ended; start a new one with greenlight watch");
            }

            resume = new WatchResume(runId, reader.GetString(0), Sql.ParseTime(reader.GetString(1)),
                TimeSpan.FromMilliseconds(Sql.Long(reader, 2)), TimeSpan.FromMilliseconds(Sql.Long(reader, 3)), TimeSpan.FromMilliseconds(Sql.Long(reader, 4)), []);
        }

        return resume with { Measurements = await ReadMeasurementsAsync(c, runId, null, cancellationToken) };
    }

    /// <summary>Every measurement of a run (of one check, when given), in tick order.</summary>
    public static async Task<IReadOnlyList<Measurement>> MeasurementsAsync(SqlRunStore store, string runId, string? checkId, CancellationToken cancellationToken)
    {
        await using var c = await store.ConnectAsync(cancellationToken);
        return await ReadMeasurementsAsync(c, runId, checkId, cancellationToken);
    }

    /// <summary>The measurements of one check across runs, newest first: <c>history --check ID</c>.</summary>
    public static async Task<IReadOnlyList<(string RunId, Measurement Measurement)>> CheckMeasurementsAsync(SqlRunStore store, string checkId, int limit, CancellationToken cancellationToken)
    {
        await using var c = await store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, $"SELECT run_id, {Columns} FROM gl_measurements WHERE check_id = @check ORDER BY started_at DESC LIMIT @limit", null,
            ("check", checkId), ("limit", (long)limit));
        var list = new List<(string, Measurement)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), Read(reader, 1)));
        }

        return list;
    }

    private const string Columns = "check_id, tick, planned_at, started_at, duration_ms, outcome, value, number, message, no_data, assertions, evidence";

    private static async Task<IReadOnlyList<Measurement>> ReadMeasurementsAsync(System.Data.Common.DbConnection c, string runId, string? checkId, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(c, $"SELECT {Columns} FROM gl_measurements WHERE run_id = @run{(checkId is null ? "" : " AND check_id = @check")} ORDER BY tick, check_id", null,
            ("run", runId), ("check", checkId));
        var list = new List<Measurement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader, 0));
        }

        return list;
    }

    private static Measurement Read(System.Data.Common.DbDataReader r, int o) => new()
    {
        CheckId = r.GetString(o),
        Tick = (int)Sql.Long(r, o + 1),
        PlannedAt = Sql.ParseTime(r.GetString(o + 2)),
        StartedAt = Sql.ParseTime(r.GetString(o + 3)),
        DurationMs = Sql.Long(r, o + 4),
        Outcome = Enum.Parse<MeasurementOutcome>(r.GetString(o + 5), ignoreCase: true),
        Value = Sql.Text(r, o + 6),
        Number = Sql.Text(r, o + 7) is { } n ? double.Parse(n, CultureInfo.InvariantCulture) : null,
        Message = Sql.Text(r, o + 8),
        NoData = Sql.Long(r, o + 9) != 0,
        Assertions = JsonSerializer.Deserialize(r.GetString(o + 10), Json.ListAssertionResult)!,
        Evidence = Sql.Text(r, o + 11) is { } e ? JsonSerializer.Deserialize(e, Json.ListEvidenceItem)! : [],
    };

    private static CheckResult AsResult(WatchCheckSummary check, DateTimeOffset started) => new()
    {
        Id = check.Id,
        Title = check.Title,
        Kind = check.Kind,
        Phase = Greenlight.Spec.Phase.Watch,
        Severity = Enum.Parse<Greenlight.Spec.Severity>(check.Severity, ignoreCase: true),
        // A check run knows no "inconclusive": it is stored as pending, the outcome that waits for a person.
        Outcome = check.Outcome switch
        {
            MeasurementOutcome.Pass => CheckOutcome.Pass,
            MeasurementOutcome.Fail => CheckOutcome.Fail,
            MeasurementOutcome.Error => CheckOutcome.Error,
            _ => CheckOutcome.Pending,
        },
        StartedAt = started,
        Attempts = check.Passes + check.Failures + check.Errors + check.Inconclusives,
        Message = $"{(check.DryRun ? "dry run: " : "")}{WatchJudge.Describe(check.Outcome)}: {check.Reason}",
        Fix = check.Fix,
    };

    private static RunReport AsRunReport(WatchReport report) => new()
    {
        RunId = report.RunId,
        Spec = report.Spec,
        SpecPath = "",
        SpecHash = "",
        Phase = "watch",
        Verdict = report.Verdict,
        Reasons = report.Reasons,
        Notes = report.Notes,
        Interrupted = report.Interrupted,
        StartedAt = report.StartedAt,
        FinishedAt = report.FinishedAt,
        Results = [],
    };
}
