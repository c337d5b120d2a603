using Greenlight.Engine;

namespace Greenlight.Dashboard;

/// <summary>
/// One check over a spec's recent runs: pass rate and duration, oldest to newest. Flaky: its outcome
/// flipped between pass and not-pass at least twice, or it passed only after a retry.
/// </summary>
internal sealed record CheckTrend(
    string CheckId, string? Title, string Kind, string Severity, IReadOnlyList<CheckPoint> Points)
{
    public int Runs => Points.Count;

    public int Passes => Points.Count(p => p.Outcome == CheckOutcome.Pass);

    public double PassRate => Runs == 0 ? 0 : (double)Passes / Runs;

    public long AverageDurationMs => Runs == 0 ? 0 : (long)Math.Round(Points.Average(p => (double)p.DurationMs));

    public long P95DurationMs => Percentile(0.95);

    public CheckOutcome? LastOutcome => Points.Count == 0 ? null : Points[^1].Outcome;

    public int Flips => Points.Zip(Points.Skip(1)).Count(p => (p.First.Outcome == CheckOutcome.Pass) != (p.Second.Outcome == CheckOutcome.Pass));

    public int PassedAfterRetry => Points.Count(p => p.Outcome == CheckOutcome.Pass && p.Attempts > 1);

    public bool Flaky => Flips >= 2 || PassedAfterRetry > 0;

    private long Percentile(double q)
    {
        if (Runs == 0)
        {
            return 0;
        }

        var sorted = Points.Select(p => p.DurationMs).Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
