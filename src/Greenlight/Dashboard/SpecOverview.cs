namespace Greenlight.Dashboard;

/// <summary>A spec on the home page: its newest run and the strip of its last verdicts, newest first.</summary>
internal sealed record SpecOverview(string Spec, Store.RunSummary Last, IReadOnlyList<VerdictMark> Strip, int RunCount);
