namespace Greenlight.Dashboard;

/// <summary>A spec's page: its recent runs (newest first) and each check's trend over them.</summary>
internal sealed record SpecDetail(string Spec, IReadOnlyList<Store.RunSummary> Runs, IReadOnlyList<CheckTrend> Checks)
{
    public IEnumerable<CheckTrend> FlakyChecks => Checks.Where(c => c.Flaky);
}
