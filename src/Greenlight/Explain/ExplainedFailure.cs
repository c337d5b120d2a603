using Greenlight.Assertions;
using Greenlight.Engine;

namespace Greenlight.Explain;

/// <summary>
/// Why one check is not verified: its failed assertions, the fix, the last run where it passed, and
/// what differs between that run and this one (spec, commit, values, duration).
/// </summary>
internal sealed record ExplainedFailure(
    CheckResult Result,
    IReadOnlyList<AssertionResult> FailedAssertions,
    CheckResult? RootCause,
    RunReport? LastPassed,
    IReadOnlyList<string> ChangedSince);
