using System.CommandLine;
using Greenlight.Assertions;
using Greenlight.Cli.Rendering;
using Greenlight.Engine;
using Greenlight.Store;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight diff RUN_A RUN_B</c>: regressions, fixes, changed values and durations. Exit 1 on a regression, as <see cref="VerdictRules.IsRegression"/> decides.</summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new StoreCommandOptions();
        var a = ShowCommand.RunArgument("RUN_A");
        var b = ShowCommand.RunArgument("RUN_B");
        var command = new Command("diff", "Compare two recorded runs: regressions, fixed, still failing, changed values and durations. Exit 1 on a regression: a check that passed (or is new) and now failed, errored, is pending or was skipped.");
        command.Arguments.Add(a);
        command.Arguments.Add(b);
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => options.RunAsync(parse, stdout, stderr, async (store, console) =>
        {
            var before = (await store.LoadAsync(await store.ResolveAsync(parse.GetValue(a)!, cancellationToken), cancellationToken)).Report;
            var after = (await store.LoadAsync(await store.ResolveAsync(parse.GetValue(b)!, cancellationToken), cancellationToken)).Report;
            var diff = RunDiff.Compare(before, after);
            console.MarkupLine($"{before.RunId[..12]} ({OutcomeStyle.Verdict(before.Verdict)}) → {after.RunId[..12]} ({OutcomeStyle.Verdict(after.Verdict)})");

            Section(console, "Regressions", "red", diff.NewlyFailing.Select(p => $"{p.After.Id} ({p.After.Severity.Code()}): {(p.Before is null ? "new check" : VerdictRules.Describe(p.Before.Outcome))} → {VerdictRules.Describe(p.After.Outcome)}{(p.After.Message is null ? "" : ": " + p.After.Message)}"));
            Section(console, "Fixed", "green", diff.Fixed.Select(p => $"{p.After.Id}: {VerdictRules.Describe(p.Before.Outcome)} → {VerdictRules.Describe(p.After.Outcome)}"));
            Section(console, "Still failing", "yellow", diff.StillFailing.Select(p => $"{p.After.Id}: {p.After.Message}"));
            Section(console, "Added checks", "grey", diff.Added.Select(r => $"{r.Id} ({VerdictRules.Describe(r.Outcome)})"));
            Section(console, "Removed checks", "grey", diff.Removed.Select(r => r.Id));
            Section(console, "Changed values", "blue", diff.ChangedValues.Select(v => $"{v.CheckId}: {v.Expression}: {v.Before} → {v.After}"));
            Section(console, "Changed durations", "blue", diff.ChangedDurations.Select(d => $"{d.CheckId}: {Units.FormatDuration(d.Before)} → {Units.FormatDuration(d.After)}"));
            if (diff.NewlyFailing.Count + diff.Fixed.Count + diff.StillFailing.Count + diff.Added.Count + diff.Removed.Count + diff.ChangedValues.Count + diff.ChangedDurations.Count == 0)
            {
                console.MarkupLine("No differences.");
            }

            return diff.HasRegressions ? ExitCodes.NoGo : ExitCodes.Go;
        }, cancellationToken));
        return command;
    }

    private static void Section(IAnsiConsole console, string title, string color, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return;
        }

        console.MarkupLine($"[bold {color}]{title} ({list.Count})[/]");
        foreach (var line in list)
        {
            console.MarkupLine($"  {Markup.Escape(line)}");
        }
    }
}
