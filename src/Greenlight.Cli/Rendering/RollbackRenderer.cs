using Greenlight.Assertions;
using Greenlight.Engine;
using Greenlight.Rollback;
using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>The console side of a rollback: the plan, each step as it ends, and what the post checks said afterwards.</summary>
internal static class RollbackRenderer
{
    public static void Plan(IAnsiConsole console, IReadOnlyList<(string Name, string Command, string Folder, TimeSpan Timeout)> steps)
    {
        console.MarkupLine($"The rollback has {steps.Count} step{(steps.Count == 1 ? "" : "s")}, run in this order (a failing step stops the rest):");
        for (var i = 0; i < steps.Count; i++)
        {
            var (name, command, folder, timeout) = steps[i];
            console.MarkupLine($"  {i + 1}. [bold]{Markup.Escape(name)}[/]");
            if (name != command)
            {
                console.MarkupLine($"     {Markup.Escape(command)}");
            }

            console.MarkupLine($"     [grey]in {Markup.Escape(folder)}, timeout {Units.FormatDuration(timeout.TotalMilliseconds)}[/]");
        }
    }

    public static void Step(IAnsiConsole console, RollbackStepResult step) =>
        console.MarkupLine($"  {(step.Succeeded ? "[green]✓[/]" : "[red]✗[/]")} step {step.Index + 1} {Markup.Escape(step.Name)} [grey]{Units.FormatDuration(step.DurationMs)}[/]{(step.Message is null ? "" : " " + Markup.Escape(step.Message))}");

    public static void Result(IAnsiConsole console, RollbackReport report)
    {
        console.WriteLine();
        if (report.FailedStep is { } failed)
        {
            console.MarkupLine($"Rollback: [bold red]FAILED[/] at step {failed.Index + 1} ({Markup.Escape(failed.Name)}): {Markup.Escape(failed.Message ?? "")}");
            if (failed.Index > 0)
            {
                console.MarkupLine($"  ran before it: {Markup.Escape(string.Join(", ", report.Steps.Take(failed.Index).Select(s => s.Name)))}");
            }

            if (report.NotRun.Count > 0)
            {
                console.MarkupLine($"  not run: {Markup.Escape(string.Join(", ", report.NotRun))}");
            }

            if (failed.Stderr.Length > 0)
            {
                console.MarkupLine("  [grey]its stderr:[/]");
                console.WriteLine(OutcomeStyle.Shorten(failed.Stderr.TrimEnd(), 2000));
            }
        }
        else if (report.Interrupted)
        {
            console.MarkupLine("Rollback: [yellow]interrupted[/]");
        }
        else
        {
            console.MarkupLine($"Rollback: [bold green]done[/] ({report.Steps.Count} step{(report.Steps.Count == 1 ? "" : "s")}).");
            if (report.Verification is { } verify)
            {
                console.MarkupLine($"Post checks after the rollback: {OutcomeStyle.Verdict(verify.Verdict)} [grey]({verify.Counts.Pass} passed, {verify.Counts.Fail} failed, {verify.Counts.Error} errors; run {verify.RunId[..12]})[/]");
                foreach (var reason in verify.Reasons)
                {
                    console.MarkupLine($"  - {Markup.Escape(reason)}");
                }
            }
            else
            {
                console.MarkupLine("[grey]The spec has no post checks, so the way back was not verified.[/]");
            }
        }

        console.MarkupLine($"[grey]Rollback run {report.RunId[..12]}: greenlight show {report.RunId[..12]}[/]");
    }

    /// <summary>0 when the way back worked and was verified GO, 1 when the post checks still fail, 4 when a step failed.</summary>
    public static int ExitCode(RollbackReport report) =>
        report.Interrupted ? ExitCodes.Interrupted
        : !report.Succeeded ? ExitCodes.RollbackFailed
        : report.Verification is { Verdict: Verdict.NoGo } ? ExitCodes.NoGo
        : ExitCodes.Go;
}
