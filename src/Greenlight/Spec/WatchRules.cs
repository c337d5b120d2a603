using Greenlight.Assertions;

namespace Greenlight.Spec;

/// <summary>
/// How one check's measurements decide it over a window. Null limits are off. With neither limit
/// written, <c>failure_limit</c> is 0 (the first failure fails the check); writing only
/// <c>consecutive_failure_limit</c> means only a run of failures that long does.
/// </summary>
internal sealed record WatchRules
{
    public int? FailureLimit { get; init; }
    public int? ConsecutiveFailureLimit { get; init; }
    public int? ConsecutiveSuccessLimit { get; init; }
    public int? InconclusiveLimit { get; init; }
    public int ConsecutiveErrorLimit { get; init; } = 4;
    public int MinSamples { get; init; } = 1;
    public NoDataPolicy OnNoData { get; init; } = NoDataPolicy.Inconclusive;

    /// <summary>Measured and recorded, but never part of the verdict.</summary>
    public bool DryRun { get; init; }

    /// <summary>The failure condition: with it, a measurement where neither it nor <c>expect</c> holds is inconclusive.</summary>
    public IReadOnlyList<Assertion> FailWhen { get; init; } = [];

    /// <summary>Total failures allowed before the check fails; null when only streaks count.</summary>
    public int? EffectiveFailureLimit => FailureLimit ?? (ConsecutiveFailureLimit is null ? 0 : null);
}
