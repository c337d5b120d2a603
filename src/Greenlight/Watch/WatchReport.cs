using Greenlight.Engine;

namespace Greenlight.Watch;

/// <summary>The end of a watch window: the verdict, why, and each check's decision. Already redacted.</summary>
internal sealed record WatchReport
{
    public const string SchemaName = "greenlight.watch/v1";

    public required string RunId { get; init; }
    public required string Spec { get; init; }
    public required string Window { get; init; }
    public required Verdict Verdict { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required IReadOnlyList<WatchCheckSummary> Checks { get; init; }
    public int Measurements { get; init; }

    /// <summary>Ticks whose time had passed while no greenlight was running (after a crash, before --resume).</summary>
    public int MissedTicks { get; init; }

    public bool Interrupted { get; init; }

    /// <summary>Why the window ended before its time ("critical check X failed"), if it did.</summary>
    public string? EndedEarly { get; init; }

    /// <summary>The 99th percentile of how late measurements started against their plan.</summary>
    public double LagP99Ms { get; init; }
}
