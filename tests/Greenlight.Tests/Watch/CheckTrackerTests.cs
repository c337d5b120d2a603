using Greenlight.Alerts;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Greenlight.Watch;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Watch;

public sealed class CheckTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    internal static CheckTracker Tracker(WatchRules rules)
    {
        var spec = SpecHarness.Load("""
            version: 1
            name: t
            checks:
              - { id: c, kind: command, phase: watch, run: "true" }
            """);
        return new CheckTracker(spec.Checks[0], rules);
    }

    internal static Measurement M(int tick, MeasurementOutcome outcome) =>
        new() { CheckId = "c", Tick = tick, PlannedAt = Start.AddSeconds(tick), StartedAt = Start.AddSeconds(tick), Outcome = outcome, Message = outcome.ToString() };

    private static CheckTracker Feed(WatchRules rules, string outcomes)
    {
        var tracker = Tracker(rules);
        var tick = 0;
        foreach (var c in outcomes)
        {
            tracker.Record(M(tick++, c switch { 'P' => MeasurementOutcome.Pass, 'F' => MeasurementOutcome.Fail, 'E' => MeasurementOutcome.Error, _ => MeasurementOutcome.Inconclusive }));
        }

        return tracker;
    }

    [Fact]
    public void Record_DefaultFailureLimit_FirstFailureFails() =>
        Feed(new WatchRules(), "PPF").Decision.ShouldBe(MeasurementOutcome.Fail);

    [Fact]
    public void Record_BlipWithinConsecutiveFailureLimit_StaysPass()
    {
        var tracker = Feed(new WatchRules { ConsecutiveFailureLimit = 3 }, "PPFFPPFP");
        tracker.Decided.ShouldBeFalse();
        tracker.Close();
        tracker.Decision.ShouldBe(MeasurementOutcome.Pass);
        tracker.Reason!.ShouldContain("3 failures within the limits");
    }

    [Fact]
    public void Record_SustainedFailure_FailsAtTheLimit()
    {
        var tracker = Feed(new WatchRules { ConsecutiveFailureLimit = 3 }, "PFFF");
        tracker.Decision.ShouldBe(MeasurementOutcome.Fail);
        tracker.Reason!.ShouldContain("consecutive_failure_limit 3");
    }

    [Fact]
    public void Record_TotalFailureLimit_CountsFailuresApart() =>
        Feed(new WatchRules { FailureLimit = 2 }, "FPFPF").Decision.ShouldBe(MeasurementOutcome.Fail);

    [Fact]
    public void Record_ErrorsBelowConsecutiveErrorLimit_DoNotFail()
    {
        var tracker = Feed(new WatchRules(), "PEEEPEEE");
        tracker.Decided.ShouldBeFalse();
        tracker.Close();
        tracker.Decision.ShouldBe(MeasurementOutcome.Pass);
    }

    [Fact]
    public void Record_ConsecutiveErrorLimitDefaultFour_EndsAsError() =>
        Feed(new WatchRules(), "PEEEE").Decision.ShouldBe(MeasurementOutcome.Error);

    [Fact]
    public void Close_FewerThanMinSamples_IsInconclusive()
    {
        var tracker = Feed(new WatchRules { MinSamples = 3 }, "PIP");
        tracker.Close();
        tracker.Decision.ShouldBe(MeasurementOutcome.Inconclusive);
        tracker.Reason!.ShouldContain("min_samples 3");
    }

    [Fact]
    public void Record_ConsecutiveSuccessLimit_PassesEarly() =>
        Feed(new WatchRules { ConsecutiveSuccessLimit = 3 }, "PPP").Decision.ShouldBe(MeasurementOutcome.Pass);

    [Fact]
    public void Record_InconclusiveLimit_EndsInconclusive() =>
        Feed(new WatchRules { InconclusiveLimit = 1 }, "PII").Decision.ShouldBe(MeasurementOutcome.Inconclusive);

    [Fact]
    public void Record_StateChanges_AreReportedOncePerChange()
    {
        var tracker = Tracker(new WatchRules { ConsecutiveFailureLimit = 5 });
        var events = new List<AlertEventKind>();
        var tick = 0;
        foreach (var o in new[] { MeasurementOutcome.Pass, MeasurementOutcome.Fail, MeasurementOutcome.Fail, MeasurementOutcome.Pass, MeasurementOutcome.Pass })
        {
            events.AddRange(tracker.Record(M(tick++, o)));
        }

        events.ShouldBe([AlertEventKind.CheckFailing, AlertEventKind.CheckRecovered]);
    }
}
