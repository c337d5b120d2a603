using System.Data.Common;
using System.Globalization;
using Greenlight.Assertions;
using Greenlight.Engine;
using Greenlight.Store;
using Greenlight.Watch;

namespace Greenlight.Reports.Html;

/// <summary>
/// Builds the review of a run from its report and the store: the previous run of the same spec and
/// phase (started before this one, so the review of a run never changes as later runs are stored),
/// new failures, fixed, flaky and slower checks, and a watch window's measurements. The CLI's
/// <c>check</c> and <c>report</c> and the dashboard's run page all call this.
/// </summary>
internal static class ReleaseReviewBuilder
{
    /// <summary>"Slower" is more than 20 % slower than in the previous run…</summary>
    public const double SlowerRatio = 1.2;

    /// <summary>…and at least this much slower, so a 1 ms check taking 2 ms is not news.</summary>
    public const long SlowerFloorMs = 10;

    /// <summary>How many recent runs (this one included) flakiness is judged over.</summary>
    public const int RecentRuns = 10;

    public static async Task<ReleaseReview> BuildAsync(RunReport report, StoreDialect store, CancellationToken cancellationToken)
    {
        try
        {
            var opened = await SqlRunStore.OpenForReadingAsync(store, cancellationToken);
            return await BuildAsync(report, opened, cancellationToken);
        }
        catch (Exception ex) when (ex is StoreException or DbException or IOException or UnauthorizedAccessException)
        {
            return ReleaseReview.Alone(report, $"The store could not be read, so this run is not compared with an earlier one: {ex.Message}");
        }
    }

    public static async Task<ReleaseReview> BuildAsync(RunReport report, SqlRunStore store, CancellationToken cancellationToken)
    {
        var measurements = report.Phase == "watch" && store.Version >= 3
            ? (await WatchStore.MeasurementsAsync(store, report.RunId, null, cancellationToken))
                .GroupBy(m => m.CheckId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<Measurement>)[.. g.OrderBy(m => m.Tick)], StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyList<Measurement>>(StringComparer.Ordinal);

        var recent = await RecentRunIdsAsync(store, report, cancellationToken);
        if (recent.Count == 0)
        {
            return new ReleaseReview
            {
                Report = report,
                NoComparison = $"No earlier run of `{report.Spec}` (phase {report.Phase}) is stored in {store.Describe}: this is the first, so there is nothing to compare it with.",
                Measurements = measurements,
            };
        }

        var (previous, _, _) = await store.LoadAsync(recent[0], cancellationToken);
        var outcomes = await OutcomesAsync(store, recent, cancellationToken);
        return new ReleaseReview
        {
            Report = report,
            Comparison = Compare(previous, report, outcomes, recent.Count + 1),
            Measurements = measurements,
        };
    }

    /// <summary>
    /// The comparison itself, from two reports and each check's outcomes in the earlier recent runs
    /// (newest first, this run not included).
    /// </summary>
    public static ReleaseComparison Compare(RunReport previous, RunReport current, IReadOnlyDictionary<string, IReadOnlyList<CheckOutcome>> earlierOutcomes, int recentRuns)
    {
        var diff = RunDiff.Compare(previous, current);
        var before = previous.Results.ToDictionary(r => r.Id, StringComparer.Ordinal);
        ComparedCheck Item(CheckResult? then, CheckResult now, string note) =>
            new(now.Id, now.Title, then?.Outcome, now.Outcome, then?.DurationMs, now.DurationMs, note);

        var newFailures = diff.NewlyFailing
            .Select(p => Item(p.Before, p.After, p.Before is null ? $"new check; {VerdictRules.Describe(p.After.Outcome)}" : $"{Word(p.Before.Outcome)} before, {Word(p.After.Outcome)} now"))
            .ToList();
        var fixedOnes = diff.Fixed.Select(p => Item(p.Before, p.After, $"{Word(p.Before.Outcome)} before, passes now")).ToList();

        var flaky = new List<ComparedCheck>();
        foreach (var now in current.Results)
        {
            var series = new List<CheckOutcome> { now.Outcome };
            series.AddRange(earlierOutcomes.GetValueOrDefault(now.Id) ?? []);
            var flips = 0;
            for (var i = 1; i < series.Count; i++)
            {
                // Skipped and pending say nothing about the check itself.
                if (Judged(series[i - 1]) && Judged(series[i]) && (series[i - 1] == CheckOutcome.Pass) != (series[i] == CheckOutcome.Pass))
                {
                    flips++;
                }
            }

            if (now.Flaky || flips >= 2)
            {
                var notes = new List<string>();
                if (now.Flaky)
                {
                    notes.Add($"passed on attempt {now.Attempts.ToString(CultureInfo.InvariantCulture)}");
                }

                if (flips >= 2)
                {
                    notes.Add($"changed between pass and not-pass {flips.ToString(CultureInfo.InvariantCulture)} times in the last {series.Count.ToString(CultureInfo.InvariantCulture)} runs");
                }

                flaky.Add(Item(before.GetValueOrDefault(now.Id), now, string.Join("; ", notes)));
            }
        }

        var slower = new List<ComparedCheck>();
        foreach (var now in current.Results)
        {
            if (before.TryGetValue(now.Id, out var then) && Ran(then) && Ran(now)
                && now.DurationMs - then.DurationMs >= SlowerFloorMs && now.DurationMs > then.DurationMs * SlowerRatio)
            {
                var percent = then.DurationMs == 0 ? "new time" : $"+{((now.DurationMs - then.DurationMs) * 100.0 / then.DurationMs).ToString("0", CultureInfo.InvariantCulture)} %";
                slower.Add(Item(then, now, $"{Units.FormatDuration(then.DurationMs)} → {Units.FormatDuration(now.DurationMs)} ({percent})"));
            }
        }

        return new ReleaseComparison
        {
            PreviousRunId = previous.RunId,
            PreviousStartedAt = previous.StartedAt,
            PreviousVerdict = previous.Verdict,
            NewFailures = newFailures,
            Fixed = fixedOnes,
            Flaky = flaky,
            Slower = [.. slower.OrderByDescending(s => s.AfterMs - (s.BeforeMs ?? 0))],
            RecentRuns = recentRuns,
        };
    }

    private static bool Judged(CheckOutcome outcome) => outcome is CheckOutcome.Pass or CheckOutcome.Fail or CheckOutcome.Error;

    private static bool Ran(CheckResult result) => result.Outcome is CheckOutcome.Pass or CheckOutcome.Fail or CheckOutcome.Error;

    private static string Word(CheckOutcome outcome) => outcome.ToString().ToLowerInvariant();

    // The runs of the same spec and phase that started before this one, newest first.
    private static async Task<IReadOnlyList<string>> RecentRunIdsAsync(SqlRunStore store, RunReport report, CancellationToken cancellationToken)
    {
        await using var c = await store.ConnectAsync(cancellationToken);
        await using var command = Sql.Command(c, """
            SELECT id FROM gl_runs
            WHERE spec = @spec AND phase = @phase AND id <> @id AND started_at < @started
            ORDER BY started_at DESC, id DESC LIMIT @limit
            """, null, ("spec", report.Spec), ("phase", report.Phase), ("id", report.RunId), ("started", Sql.Time(report.StartedAt)), ("limit", (long)(RecentRuns - 1)));
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<CheckOutcome>>> OutcomesAsync(SqlRunStore store, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        var order = runIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var rows = new List<(string Check, int Order, CheckOutcome Outcome)>();
        await using var c = await store.ConnectAsync(cancellationToken);
        var names = string.Join(", ", runIds.Select((_, i) => "@r" + i.ToString(CultureInfo.InvariantCulture)));
        await using var command = Sql.Command(c, $"SELECT run_id, check_id, outcome FROM gl_results WHERE run_id IN ({names})", null,
            [.. runIds.Select((id, i) => ("r" + i.ToString(CultureInfo.InvariantCulture), (object?)id))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(1), order[reader.GetString(0)], SqlRunStore.ParseOutcome(reader.GetString(2))));
        }

        return rows.GroupBy(r => r.Check, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CheckOutcome>)[.. g.OrderBy(r => r.Order).Select(r => r.Outcome)], StringComparer.Ordinal);
    }
}
