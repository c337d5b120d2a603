using Greenlight.Engine;

namespace Greenlight.Cli.Rendering;

/// <summary>How outcomes and verdicts look on the console.</summary>
internal static class OutcomeStyle
{
    public static string Icon(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "[green]✓[/]",
        CheckOutcome.Fail => "[red]✗[/]",
        CheckOutcome.Error => "[red]![/]",
        CheckOutcome.Pending => "[yellow]…[/]",
        _ => "[grey]-[/]",
    };

    public static string Outcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "[green]pass[/]",
        CheckOutcome.Fail => "[red]fail[/]",
        CheckOutcome.Error => "[red]error[/]",
        CheckOutcome.Pending => "[yellow]pending[/]",
        _ => "[grey]skipped[/]",
    };

    public static string Verdict(Engine.Verdict verdict) => verdict switch
    {
        Engine.Verdict.Go => "[bold green]GO[/]",
        Engine.Verdict.GoWithWarnings => "[bold yellow]GO WITH WARNINGS[/]",
        Engine.Verdict.Hold => "[bold yellow]HOLD[/]",
        _ => "[bold red]NO-GO[/]",
    };

    public static int Rank(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Error => 0,
        CheckOutcome.Fail => 1,
        CheckOutcome.Pending => 2,
        CheckOutcome.Skipped => 3,
        _ => 4,
    };

    public static string Shorten(string text, int limit)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= limit ? line : line[..(limit - 1)] + "…";
    }
}
