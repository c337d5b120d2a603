using Greenlight.Spec;

namespace Greenlight.Engine;

/// <summary>
/// NO-GO when a critical or high check failed, errored, is pending or was skipped because a need
/// failed (it was never verified); GO WITH WARNINGS when only medium ones did or a check raised a
/// warning; GO otherwise, with low failures as notes. An interrupted run is NO-GO.
/// </summary>
internal static class VerdictRules
{
    public static (Verdict Verdict, List<string> Reasons, List<string> Notes) Decide(IReadOnlyList<CheckResult> results, bool interrupted)
    {
        var blocking = new List<string>();
        var warnings = new List<string>();
        var notes = new List<string>();
        if (interrupted)
        {
            blocking.Add("the run was interrupted before every check finished");
        }

        foreach (var result in results)
        {
            var bad = result.Outcome is CheckOutcome.Fail or CheckOutcome.Error or CheckOutcome.Pending
                || (result.Outcome == CheckOutcome.Skipped && result.SkippedForNeed);
            if (bad)
            {
                var line = $"{result.Id} ({result.Severity}) {Describe(result.Outcome)}{(result.Message is null ? "" : ": " + result.Message)}";
                var severity = Enum.Parse<Severity>(result.Severity, ignoreCase: true);
                (severity >= Severity.High ? blocking : severity == Severity.Medium ? warnings : notes).Add(line);
            }

            foreach (var warning in result.Warnings)
            {
                warnings.Add($"{result.Id}: {warning}");
            }
        }

        var verdict = blocking.Count > 0 ? Verdict.NoGo : warnings.Count > 0 ? Verdict.GoWithWarnings : Verdict.Go;
        return (verdict, blocking.Count > 0 ? blocking : warnings, notes);
    }

    public static string Describe(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Fail => "failed",
        CheckOutcome.Error => "could not run",
        CheckOutcome.Pending => "is pending",
        CheckOutcome.Skipped => "was skipped",
        _ => "passed",
    };

    public static string Spell(Verdict verdict) => verdict switch
    {
        Verdict.Go => "GO",
        Verdict.GoWithWarnings => "GO WITH WARNINGS",
        Verdict.Hold => "HOLD",
        _ => "NO-GO",
    };

    public static string Code(Verdict verdict) => verdict switch
    {
        Verdict.Go => "go",
        Verdict.GoWithWarnings => "go_with_warnings",
        Verdict.Hold => "hold",
        _ => "no_go",
    };
}
