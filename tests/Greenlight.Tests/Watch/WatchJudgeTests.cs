using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Watch;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Watch;

public sealed class WatchJudgeTests
{
    private static CheckTracker Decided(MeasurementOutcome outcome, WatchRules? rules = null)
    {
        var tracker = CheckTrackerTests.Tracker(rules ?? new WatchRules { ConsecutiveFailureLimit = 1, InconclusiveLimit = 0, ConsecutiveErrorLimit = 1 });
        tracker.Record(CheckTrackerTests.M(0, outcome));
        tracker.Close();
        return tracker;
    }

    [Fact]
    public void Decide_AllPass_IsGo() =>
        WatchJudge.Decide([Decided(MeasurementOutcome.Pass)], interrupted: false).Verdict.ShouldBe(Verdict.Go);

    [Fact]
    public void Decide_Inconclusive_IsHold() =>
        WatchJudge.Decide([Decided(MeasurementOutcome.Pass), Decided(MeasurementOutcome.Inconclusive)], interrupted: false).Verdict.ShouldBe(Verdict.Hold);

    [Fact]
    public void Decide_WorstWins_FailOverInconclusiveAndError()
    {
        WatchJudge.Decide([Decided(MeasurementOutcome.Inconclusive), Decided(MeasurementOutcome.Fail)], interrupted: false).Verdict.ShouldBe(Verdict.NoGo);
        WatchJudge.Decide([Decided(MeasurementOutcome.Inconclusive), Decided(MeasurementOutcome.Error)], interrupted: false).Verdict.ShouldBe(Verdict.NoGo);
    }

    [Fact]
    public void Decide_DryRunFailure_IsOnlyANote()
    {
        var (verdict, _, notes) = WatchJudge.Decide([Decided(MeasurementOutcome.Fail, new WatchRules { DryRun = true })], interrupted: false);
        verdict.ShouldBe(Verdict.Go);
        notes.ShouldHaveSingleItem().ShouldStartWith("dry run, not counted");
    }

    [Fact]
    public void Decide_Interrupted_IsHoldNotGo() =>
        WatchJudge.Decide([Decided(MeasurementOutcome.Pass)], interrupted: true).Verdict.ShouldBe(Verdict.Hold);
}
