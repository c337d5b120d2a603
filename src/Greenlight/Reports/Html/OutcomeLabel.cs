using Greenlight.Engine;

namespace Greenlight.Reports.Html;

/// <summary>
/// How an outcome or verdict is shown: a symbol and a word (never colour alone) and the CSS class
/// that colours it.
/// </summary>
internal sealed record OutcomeLabel(string Symbol, string Word, string CssClass)
{
    public static OutcomeLabel Of(CheckResult result) =>
        result.IsWaived ? new("≈", "WAIVED", "waived")
        : result.Warned ? new("⚠", "WARN", "warn")
        : Of(result.Outcome);

    public static OutcomeLabel Of(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => new("✓", "PASS", "pass"),
        CheckOutcome.Fail => new("✗", "FAIL", "fail"),
        CheckOutcome.Error => new("!", "ERROR", "error"),
        CheckOutcome.Pending => new("…", "PENDING", "pending"),
        _ => new("–", "SKIPPED", "skipped"),
    };

    public static OutcomeLabel Of(Verdict verdict) => verdict switch
    {
        Verdict.Go => new("✓", VerdictRules.Spell(verdict), "go"),
        Verdict.GoWithWarnings => new("⚠", VerdictRules.Spell(verdict), "warnings"),
        Verdict.Hold => new("‖", VerdictRules.Spell(verdict), "hold"),
        _ => new("✗", VerdictRules.Spell(verdict), "nogo"),
    };

    /// <summary>The filter value of a result: its outcome, or waived / warn.</summary>
    public string Filter => CssClass;
}
