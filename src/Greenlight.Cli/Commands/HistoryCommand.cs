using System.CommandLine;
using Greenlight.Assertions;
using Greenlight.Cli.Rendering;
using Greenlight.Engine;
using Greenlight.Store;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight history</c>: runs newest first, or one check over time; <c>history prune</c>.</summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new StoreCommandOptions();
        var limit = CliOptions.PositiveInt("--limit", "How many runs (or outcomes) to list.", 20, "-n");
        var check = new Option<string?>("--check") { Description = "Show one check's outcomes and durations over time.", HelpName = "ID" };
        var command = new Command("history", "List recorded runs, newest first, with verdict and counts; or one check over time with --check.");
        options.AddTo(command);
        command.Options.Add(limit);
        command.Options.Add(check);
        command.Subcommands.Add(CreatePrune(stdout, stderr));
        command.SetAction((parse, cancellationToken) => options.RunAsync(parse, stdout, stderr, async (store, console) =>
        {
            var n = Math.Max(1, parse.GetValue(limit));
            if (parse.GetValue(check) is { } checkId)
            {
                var entries = await store.CheckHistoryAsync(checkId, n, cancellationToken);
                var measured = await Greenlight.Watch.WatchStore.CheckMeasurementsAsync(store, checkId, n, cancellationToken);
                if (measured.Count > 0)
                {
                    console.MarkupLine($"Measurements of [bold]{Markup.Escape(checkId)}[/] in watch windows, newest first:");
                    MeasurementTable.Render(console, measured, showRun: true);
                }

                if (entries.Count == 0 && measured.Count > 0)
                {
                    return ExitCodes.Go;
                }

                if (entries.Count == 0)
                {
                    console.MarkupLine($"No recorded outcome for check [bold]{Markup.Escape(checkId)}[/] in {Markup.Escape(store.Describe)}.");
                    return ExitCodes.Go;
                }

                var table = new Table().Border(OutcomeStyle.Border(console));
                foreach (var column in new[] { "Run", "Started (UTC)", "Outcome", "Time", "Attempts", "Message" })
                {
                    table.AddColumn(column);
                }

                foreach (var e in entries)
                {
                    table.AddRow(new Markup(e.RunId[..12]), new Markup(e.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
                        new Markup(OutcomeStyle.Outcome(e.Outcome)), new Markup(Units.FormatDuration(e.DurationMs)), new Markup(e.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new Markup(Markup.Escape(OutcomeStyle.Shorten(e.Message ?? "", 100))));
                }

                console.MarkupLine($"Check [bold]{Markup.Escape(checkId)}[/], newest first:");
                console.Write(table);
                return ExitCodes.Go;
            }

            var runs = await store.ListRunsAsync(n, cancellationToken);
            if (runs.Count == 0)
            {
                console.MarkupLine($"No runs recorded in {Markup.Escape(store.Describe)} yet.");
                return ExitCodes.Go;
            }

            var runsTable = new Table().Border(OutcomeStyle.Border(console));
            foreach (var column in new[] { "Run", "Started (UTC)", "Spec", "Phase", "Verdict", "Pass", "Fail", "Error", "Skip", "Time", "By", "Commit" })
            {
                runsTable.AddColumn(column);
            }

            foreach (var r in runs)
            {
                var verdict = r.Status switch
                {
                    RunStatus.Running => "[yellow]running[/]",
                    RunStatus.Interrupted => "[yellow]interrupted[/]" + (r.Verdict is null ? "" : $" {OutcomeStyle.Verdict(r.Verdict.Value)}"),
                    _ => OutcomeStyle.Verdict(r.Verdict ?? Verdict.NoGo),
                };
                var time = r.FinishedAt is { } f ? Units.FormatDuration((f - r.StartedAt).TotalMilliseconds) : "";
                runsTable.AddRow(
                    new Markup(r.Id[..12]), new Markup(r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
                    new Markup(Markup.Escape(r.Spec)), new Markup(Markup.Escape(r.Environment is null ? r.Phase : $"{r.Phase} ({r.Environment})")), new Markup(verdict),
                    new Markup(Num(r.Counts.Pass)), new Markup(Num(r.Counts.Fail)), new Markup(Num(r.Counts.Error)), new Markup(Num(r.Counts.Skipped)),
                    new Markup(time), new Markup(Markup.Escape($"{r.User}@{r.Host}")), new Markup(Markup.Escape(r.GitCommit?[..Math.Min(8, r.GitCommit.Length)] ?? "")));
            }

            console.Write(runsTable);
            return ExitCodes.Go;
        }, cancellationToken));
        return command;
    }

    private static Command CreatePrune(TextWriter stdout, TextWriter stderr)
    {
        var options = new StoreCommandOptions();
        var keep = new Option<int?>("--keep") { Description = "Keep the newest N runs, delete the rest.", HelpName = "N" };
        var olderThan = new Option<string?>("--older-than") { Description = "Delete runs started longer ago than this, e.g. 90d.", HelpName = "AGE" };
        var command = new Command("prune", "Delete old runs and their results and evidence: --keep N or --older-than 90d.");
        options.AddTo(command);
        command.Options.Add(keep);
        command.Options.Add(olderThan);
        command.Validators.Add(r =>
        {
            var hasKeep = r.GetValue(keep) is not null;
            var hasAge = r.GetValue(olderThan) is not null;
            if (hasKeep == hasAge)
            {
                r.AddError("give exactly one of --keep N or --older-than AGE");
            }
            else if (r.GetValue(keep) is < 0)
            {
                r.AddError("--keep must be 0 or more");
            }
            else if (r.GetValue(olderThan) is { } age && !Units.TryParseDuration(age, out _))
            {
                r.AddError($"--older-than: expected {Units.DurationHint}");
            }
        });
        command.SetAction((parse, cancellationToken) => options.RunAsync(parse, stdout, stderr, async (store, console) =>
        {
            DateTimeOffset? before = parse.GetValue(olderThan) is { } age && Units.TryParseDuration(age, out var span) ? TimeProvider.System.GetUtcNow() - span : null;
            var deleted = await store.PruneAsync(parse.GetValue(keep), before, cancellationToken);
            console.MarkupLine($"Deleted {deleted} run{(deleted == 1 ? "" : "s")} from {Markup.Escape(store.Describe)}.");
            return ExitCodes.Go;
        }, cancellationToken, write: true));
        return command;
    }

    private static string Num(int n) => n == 0 ? "[grey]0[/]" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
