using Greenlight.Engine;

namespace Greenlight.Reports.Html;

/// <summary>This run against the previous run of the same spec and phase, from the store.</summary>
internal sealed record ReleaseComparison
{
    public required string PreviousRunId { get; init; }
    public required DateTimeOffset PreviousStartedAt { get; init; }
    public required Verdict PreviousVerdict { get; init; }

    /// <summary>Verified before (or new), not verified now.</summary>
    public required IReadOnlyList<ComparedCheck> NewFailures { get; init; }

    /// <summary>Not verified before, passing now.</summary>
    public required IReadOnlyList<ComparedCheck> Fixed { get; init; }

    /// <summary>Passed only after a retry in this run, or changed between pass and not-pass at least twice in the recent runs.</summary>
    public required IReadOnlyList<ComparedCheck> Flaky { get; init; }

    /// <summary>Ran in both, and took more than <see cref="ReleaseReviewBuilder.SlowerRatio"/> times as long now.</summary>
    public required IReadOnlyList<ComparedCheck> Slower { get; init; }

    /// <summary>How many runs (this one included) the flakiness was judged over.</summary>
    public int RecentRuns { get; init; }
}
