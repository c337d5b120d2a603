using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Store;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Store;

public class RunDiffTests
{
    private static CheckResult R(string id, CheckOutcome outcome) => new() { Id = id, Kind = "manual", Phase = Phase.Pre, Severity = Severity.High, Outcome = outcome };

    private static RunReport Run(params CheckResult[] results) => new()
    {
        RunId = Guid.NewGuid().ToString("N"),
        Spec = "s",
        SpecPath = "greenlight.yaml",
        SpecHash = new string('0', 64),
        Phase = "all",
        Verdict = Verdict.Go,
        Reasons = [],
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch,
        Results = results,
    };

    [Fact]
    public void Compare_Issue9_PassToSkippedErrorOrPending_AreRegressions()
    {
        var before = Run(R("a", CheckOutcome.Pass), R("b", CheckOutcome.Pass), R("c", CheckOutcome.Pass), R("d", CheckOutcome.Pass));
        var after = Run(R("a", CheckOutcome.Skipped), R("b", CheckOutcome.Error), R("c", CheckOutcome.Pending), R("d", CheckOutcome.Pass));

        var diff = RunDiff.Compare(before, after);

        diff.HasRegressions.ShouldBeTrue();
        diff.NewlyFailing.Select(p => p.After.Id).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void Compare_StillSkipped_IsNotARegression()
    {
        var diff = RunDiff.Compare(Run(R("a", CheckOutcome.Skipped)), Run(R("a", CheckOutcome.Skipped)));

        diff.HasRegressions.ShouldBeFalse();
        diff.StillFailing.ShouldHaveSingleItem();
    }
}
