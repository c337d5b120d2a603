using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Watch;

/// <summary>
/// The window's verdict: the worst check wins (pass &lt; inconclusive &lt; error &lt; fail). A critical or
/// high check that failed or errored is NO-GO, a medium one a warning, a low one a note; an
/// inconclusive critical or high check is HOLD (a person decides). Dry-run checks never decide.
/// </summary>
internal static class WatchJudge
{
    public static (Verdict Verdict, List<string> Reasons, List<string> Notes) Decide(IReadOnlyList<CheckTracker> trackers, bool interrupted)
    {
        var blocking = new List<string>();
        var hold = new List<string>();
        var warnings = new List<string>();
        var notes = new List<string>();
        if (interrupted)
        {
            hold.Add("the watch was interrupted before its window ended (resume it with greenlight watch --resume)");
        }

        foreach (var tracker in trackers)
        {
            var outcome = tracker.Decision ?? MeasurementOutcome.Inconclusive;
            if (outcome == MeasurementOutcome.Pass)
            {
                continue;
            }

            var line = $"{tracker.Check.Id} ({tracker.Check.Severity.ToString().ToLowerInvariant()}) {Describe(outcome)}: {tracker.Reason ?? "not decided"}";
            if (tracker.Rules.DryRun)
            {
                notes.Add("dry run, not counted: " + line);
                continue;
            }

            var severity = tracker.Check.Severity;
            var list = outcome == MeasurementOutcome.Inconclusive
                ? severity >= Severity.High ? hold : severity == Severity.Medium ? warnings : notes
                : severity >= Severity.High ? blocking : severity == Severity.Medium ? warnings : notes;
            list.Add(line);
        }

        if (blocking.Count > 0)
        {
            return (Verdict.NoGo, [.. blocking, .. hold], notes);
        }

        if (hold.Count > 0)
        {
            return (Verdict.Hold, hold, notes);
        }

        return warnings.Count > 0 ? (Verdict.GoWithWarnings, warnings, notes) : (Verdict.Go, [], notes);
    }

    public static string Describe(MeasurementOutcome outcome) => outcome switch
    {
        MeasurementOutcome.Fail => "failed",
        MeasurementOutcome.Error => "could not be measured",
        MeasurementOutcome.Inconclusive => "is inconclusive",
        _ => "passed",
    };

    public static string Code(MeasurementOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
