using Greenlight.Engine;
using Spectre.Console;

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

    /// <summary>A pass with a warning is shown as a warning: it is what GO WITH WARNINGS is about.</summary>
    public static string Icon(CheckResult result) => result.Warned ? "[yellow]⚠[/]" : Icon(result.Outcome);

    public static string Outcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "[green]pass[/]",
        CheckOutcome.Fail => "[red]fail[/]",
        CheckOutcome.Error => "[red]error[/]",
        CheckOutcome.Pending => "[yellow]pending[/]",
        _ => "[grey]skipped[/]",
    };

    public static string Outcome(CheckResult result) => result.Warned ? "[yellow]warn[/]" : Outcome(result.Outcome);

    public static string Verdict(Engine.Verdict verdict) => verdict switch
    {
        Engine.Verdict.Go => "[bold green]GO[/]",
        Engine.Verdict.GoWithWarnings => "[bold yellow]GO WITH WARNINGS[/]",
        _ => "[bold red]NO-GO[/]",
    };

    public static int Rank(CheckResult result) => result.Outcome switch
    {
        CheckOutcome.Error => 0,
        CheckOutcome.Fail => 1,
        CheckOutcome.Pending => 2,
        CheckOutcome.Skipped => 3,
        _ when result.Warned => 4,
        _ => 5,
    };

    /// <summary>Rounded borders on a terminal; none in pipes and files, where columns line up by spaces.</summary>
    public static TableBorder Border(IAnsiConsole console) => ConsoleFactory.Decorated(console) ? TableBorder.Rounded : TableBorder.None;

    public static string Shorten(string text, int limit)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= limit ? line : line[..(limit - 1)] + "…";
    }
}
