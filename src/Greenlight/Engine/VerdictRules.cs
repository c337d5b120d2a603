using Greenlight.Spec;

namespace Greenlight.Engine;

/// <summary>
/// What blocks a release, decided here and nowhere else: the verdict, its reasons, <c>diff</c> and
/// the exit code all ask this class. A check is verified only when it passed; a check that is not
/// verified (failed, errored, pending or skipped) blocks when it is critical or high, warns when it
/// is medium and is a note when it is low. A warning raised by a check warns. An interrupted run is
/// NO-GO. Checks skipped because a need did not pass are reported under the need that caused it.
/// </summary>
internal static class VerdictRules
{
    /// <summary>Only a pass is evidence; every other outcome leaves the check unverified.</summary>
    public static bool Verified(CheckResult result) => result.Outcome == CheckOutcome.Pass;

    public static Impact ImpactOf(Severity severity) => severity switch
    {
        >= Severity.High => Impact.Blocks,
        Severity.Medium => Impact.Warning,
        _ => Impact.Note,
    };

    public static Impact ImpactOf(CheckResult result) =>
        !Verified(result) ? ImpactOf(result.Severity)
        : result.Warnings.Count > 0 ? Impact.Warning
        : Impact.None;

    /// <summary>A regression: verified before (or new) and not verified now.</summary>
    public static bool IsRegression(CheckResult? before, CheckResult after) =>
        !Verified(after) && (before is null || Verified(before));

    public static (Verdict Verdict, List<string> Reasons, List<string> Notes) Decide(IReadOnlyList<CheckResult> results, bool interrupted)
    {
        var lines = new List<(Impact Impact, string Text)>();
        var byId = results.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var dependants = results.Where(r => r.Outcome == CheckOutcome.Skipped && r.SkippedForNeed)
            .GroupBy(r => RootCause(r, byId)?.Id ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var notRun = results.Where(r => r.Outcome == CheckOutcome.Skipped && !r.SkippedForNeed).ToList();

        if (interrupted)
        {
            lines.Add((Impact.Blocks, "the run was interrupted before every check finished" + Unverified(notRun, "were not run")));
        }
        else
        {
            foreach (var skipped in notRun)
            {
                lines.Add((ImpactOf(skipped), Line(skipped)));
            }
        }

        foreach (var result in results)
        {
            if (!Verified(result) && result.Outcome != CheckOutcome.Skipped)
            {
                var under = dependants.GetValueOrDefault(result.Id) ?? [];
                var impact = under.Select(ImpactOf).Append(ImpactOf(result)).Max();
                lines.Add((impact, Line(result) + Unverified(under, "that need it were not verified")));
            }

            foreach (var warning in result.Warnings)
            {
                lines.Add((Impact.Warning, $"{result.Id}: {warning}"));
            }
        }

        // Skipped for a need that is not in the results (or a cycle of skips): each on its own line.
        foreach (var orphan in dependants.GetValueOrDefault("") ?? [])
        {
            lines.Add((ImpactOf(orphan), Line(orphan)));
        }

        var blocking = lines.Where(l => l.Impact == Impact.Blocks).Select(l => l.Text).ToList();
        var warnings = lines.Where(l => l.Impact == Impact.Warning).Select(l => l.Text).ToList();
        var notes = lines.Where(l => l.Impact == Impact.Note).Select(l => l.Text).ToList();
        var verdict = blocking.Count > 0 ? Verdict.NoGo : warnings.Count > 0 ? Verdict.GoWithWarnings : Verdict.Go;
        return (verdict, blocking.Count > 0 ? blocking : warnings, notes);
    }

    /// <summary>The first check up the chain of skips that was not itself skipped for a need.</summary>
    public static CheckResult? RootCause(CheckResult result, IReadOnlyDictionary<string, CheckResult> byId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = result;
        while (current.Outcome == CheckOutcome.Skipped && current.SkippedForNeed && seen.Add(current.Id))
        {
            var next = current.BlockedBy.Select(id => byId.GetValueOrDefault(id)).FirstOrDefault(r => r is not null);
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current.Outcome == CheckOutcome.Skipped && current.SkippedForNeed ? null : current;
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
        _ => "NO-GO",
    };

    public static string Code(Verdict verdict) => verdict switch
    {
        Verdict.Go => "go",
        Verdict.GoWithWarnings => "go_with_warnings",
        _ => "no_go",
    };

    private static string Line(CheckResult result) =>
        $"{result.Id} ({result.Severity.Code()}) {Describe(result.Outcome)}{(result.Message is null ? "" : ": " + result.Message)}";

    private static string Unverified(IReadOnlyList<CheckResult> checks, string what) => checks.Count switch
    {
        0 => "",
        1 => $"; 1 check {what.Replace("were", "was", StringComparison.Ordinal).Replace("need ", "needs ", StringComparison.Ordinal)}: {checks[0].Id}",
        _ => $"; {checks.Count} checks {what}: {string.Join(", ", checks.Take(10).Select(c => c.Id))}{(checks.Count > 10 ? ", …" : "")}",
    };
}
