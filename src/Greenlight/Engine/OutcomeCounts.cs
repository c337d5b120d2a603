namespace Greenlight.Engine;

internal sealed record OutcomeCounts(int Pass, int Fail, int Error, int Skipped, int Pending)
{
    public static OutcomeCounts Of(IEnumerable<CheckResult> results)
    {
        var list = results.ToList();
        return new OutcomeCounts(
            list.Count(r => r.Outcome == CheckOutcome.Pass),
            list.Count(r => r.Outcome == CheckOutcome.Fail),
            list.Count(r => r.Outcome == CheckOutcome.Error),
            list.Count(r => r.Outcome == CheckOutcome.Skipped),
            list.Count(r => r.Outcome == CheckOutcome.Pending));
    }

    public int Total => Pass + Fail + Error + Skipped + Pending;
}
