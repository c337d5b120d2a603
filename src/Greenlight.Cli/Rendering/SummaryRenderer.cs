using Greenlight.Assertions;
using Greenlight.Engine;
using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>
/// The end of a run on the console: a table with failures first, each failure's assertions with the
/// actual value and its fix, then the verdict and why.
/// </summary>
internal static class SummaryRenderer
{
    private const int AllRowsUpTo = 60;

    public static void Render(IAnsiConsole console, RunReport report, int exitCode)
    {
        var ordered = report.Results.OrderBy(OutcomeStyle.Rank).ThenBy(r => r.Flaky ? 0 : 1).ToList();
        var shown = ordered.Count <= AllRowsUpTo ? ordered : [.. ordered.Where(r => r.Outcome != CheckOutcome.Pass || r.Flaky || r.Warned)];

        var table = new Table().Border(OutcomeStyle.Border(console));
        table.AddColumn("Outcome");
        table.AddColumn("Check");
        table.AddColumn("Severity");
        table.AddColumn(new TableColumn("Time").RightAligned());
        table.AddColumn("Detail");
        foreach (var result in shown)
        {
            var detail = result.Waiver is { } waiver
                ? $"[{(waiver.Expired ? "yellow" : "blue")}]{Markup.Escape(waiver.Describe())}[/]{(result.Message is null ? "" : " " + Markup.Escape(OutcomeStyle.Shorten(result.Message, 120)))}"
                : result.Outcome == CheckOutcome.Pass
                ? string.Join("; ", new[] { result.Flaky ? $"[yellow]flaky: passed on attempt {result.Attempts}[/]" : null, result.Warned ? "[yellow]" + Markup.Escape(string.Join("; ", result.Warnings)) + "[/]" : null }.OfType<string>())
                : Markup.Escape(OutcomeStyle.Shorten(result.Message ?? "", 160));
            table.AddRow(
                new Markup(OutcomeStyle.Outcome(result)),
                new Markup(Markup.Escape(result.Id)),
                new Markup(result.Severity.Code()),
                new Markup(Units.FormatDuration(result.DurationMs)),
                new Markup(detail));
        }

        if (shown.Count < ordered.Count)
        {
            table.AddRow(new Markup(""), new Markup($"[grey]… and {ordered.Count - shown.Count} more that passed[/]"), new Markup(""), new Markup(""), new Markup(""));
        }

        console.Write(table);

        var failures = ordered.Where(r => r.Outcome is CheckOutcome.Fail or CheckOutcome.Error).ToList();
        foreach (var result in failures)
        {
            console.WriteLine();
            console.MarkupLine($"{OutcomeStyle.Icon(result.Outcome)} [bold]{Markup.Escape(result.Id)}[/]{(result.Title is null ? "" : " — " + Markup.Escape(result.Title))} [grey]({result.Kind}, {result.Severity.Code()}{(result.Area is null ? "" : ", " + Markup.Escape(result.Area))})[/]");
            var failed = result.Assertions.Where(a => !a.Passed).ToList();
            if (failed.Count == 0 && result.Message is not null)
            {
                console.MarkupLine($"    {Markup.Escape(result.Message)}");
            }

            foreach (var assertion in failed)
            {
                var actual = assertion.Note ?? $"actual {assertion.Actual}";
                console.MarkupLine($"    [red]{Markup.Escape(assertion.Expression)}[/]  →  {Markup.Escape(OutcomeStyle.Shorten(actual, 200))}");
            }

            if (result.Source is not null)
            {
                console.MarkupLine($"    [grey]from {Markup.Escape(result.Source)}[/]");
            }

            if (result.Fix is not null)
            {
                console.MarkupLine($"    [bold]fix:[/] {Markup.Escape(result.Fix)}");
            }
        }

        var counts = report.Counts;
        console.WriteLine();
        console.MarkupLine($"Verdict: {OutcomeStyle.Verdict(report.Verdict)}{(report.Interrupted ? " [yellow](interrupted)[/]" : "")}  " +
            $"[grey]{counts.Pass} passed, {counts.Fail} failed, {counts.Error} errors, {counts.Skipped} skipped, {counts.Pending} pending{(counts.Waived > 0 ? $", {counts.Waived} waived" : "")} in {Units.FormatDuration(report.DurationMs)}{(report.Environment is null ? "" : $" · environment {Markup.Escape(report.Environment)}")} · exit {exitCode}[/]");
        foreach (var reason in report.Reasons)
        {
            console.MarkupLine($"  - {Markup.Escape(reason)}");
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine($"  [grey]note: {Markup.Escape(note)}[/]");
        }
    }
}
