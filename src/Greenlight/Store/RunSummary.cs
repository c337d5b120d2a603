using Greenlight.Engine;

namespace Greenlight.Store;

/// <summary>One line of <c>greenlight history</c>.</summary>
internal sealed record RunSummary(
    string Id, string Spec, string Phase, RunStatus Status, Verdict? Verdict, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    OutcomeCounts Counts, int Planned, string User, string Host, string? GitCommit, string? GitBranch, string? Environment = null);
