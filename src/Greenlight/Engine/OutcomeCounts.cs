namespace Greenlight.Engine;

/// <summary>How many checks ended each way; a waived failure counts only as <see cref="Waived"/>.</summary>
internal sealed record OutcomeCounts(int Pass, int Fail, int Error, int Skipped, int Pending, int Waived = 0)
{
    public static OutcomeCounts Of(IEnumerable<CheckResult> results)
    {
        var list = results.ToList();
        var counted = list.Where(r => !r.IsWaived).ToList();
        return new OutcomeCounts(
            counted.Count(r => r.Outcome == CheckOutcome.Pass),
            counted.Count(r => r.Outcome == CheckOutcome.Fail),
            counted.Count(r => r.Outcome == CheckOutcome.Error),
            counted.Count(r => r.Outcome == CheckOutcome.Skipped),
            counted.Count(r => r.Outcome == CheckOutcome.Pending),
            list.Count - counted.Count);
    }

    public int Total => Pass + Fail + Error + Skipped + Pending + Waived;
}
