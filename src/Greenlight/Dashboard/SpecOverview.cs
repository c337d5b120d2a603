namespace Greenlight.Dashboard;

/// <summary>A spec in one environment (null: runs without --env) on the home page: its newest run and the strip of its last verdicts, newest first.</summary>
internal sealed record SpecOverview(string Spec, string? Environment, Store.RunSummary Last, IReadOnlyList<VerdictMark> Strip, int RunCount);
