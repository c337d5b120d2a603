using System.CommandLine;
using Greenlight.Assertions;
using Greenlight.Cli.Rendering;
using Greenlight.Engine;
using Greenlight.Store;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight show RUN [--check ID]</c>: one recorded run, or one check's attempts and evidence.</summary>
internal static class ShowCommand
{
    public static Argument<string> RunArgument(string name = "RUN") => new(name) { Description = "A run id, a unique prefix of one, last, or last~N." };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new StoreCommandOptions();
        var run = RunArgument();
        var check = new Option<string?>("--check") { Description = "Show this check's attempts and evidence.", HelpName = "ID" };
        var command = new Command("show", "Show a recorded run as the check command showed it, or one check's attempts and evidence.");
        command.Arguments.Add(run);
        options.AddTo(command);
        command.Options.Add(check);
        command.SetAction((parse, cancellationToken) => options.RunAsync(parse, stdout, stderr, async (store, console) =>
        {
            var id = await store.ResolveAsync(parse.GetValue(run)!, cancellationToken);
            var (report, status, planned) = await store.LoadAsync(id, cancellationToken);
            var who = report.Provenance;
            console.MarkupLine($"Run [bold]{report.RunId}[/] · spec [bold]{Markup.Escape(report.Spec)}[/] ({Markup.Escape(report.SpecPath)}) · phase {report.Phase} · {status.ToString().ToLowerInvariant()}");
            console.MarkupLine($"[grey]Started {report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by {Markup.Escape(who.User)}@{Markup.Escape(who.Host)}" +
                $"{(who.GitCommit is null ? "" : $" on {Markup.Escape(who.GitCommit)} ({Markup.Escape(who.GitBranch ?? "")})")} · {report.Results.Count} of {planned} checks recorded[/]");

            if (parse.GetValue(check) is not { } checkId)
            {
                console.WriteLine();
                SummaryRenderer.Render(console, report, report.Interrupted ? ExitCodes.Interrupted : report.Verdict == Verdict.NoGo ? ExitCodes.NoGo : ExitCodes.Go);
                var deliveries = await Greenlight.Alerts.AlertLog.ReadAsync(store, id, cancellationToken);
                if (deliveries.Count > 0)
                {
                    console.MarkupLine($"[grey]Alerts: {deliveries.Count(d => d.Delivered)} delivered, {deliveries.Count(d => !d.Delivered)} not delivered[/]");
                    foreach (var failed in deliveries.Where(d => !d.Delivered))
                    {
                        console.MarkupLine($"[yellow]  not delivered[/]: {Greenlight.Spec.ReleaseSectionsReader.Snake(failed.Event)} to {Markup.Escape(failed.Channel)} at {failed.At.UtcDateTime:HH:mm:ss} UTC after {failed.Attempts} attempt{(failed.Attempts == 1 ? "" : "s")}: {Markup.Escape(failed.Error ?? "")}");
                    }
                }

                return ExitCodes.Go;
            }

            var result = report.Results.FirstOrDefault(r => r.Id == checkId)
                ?? throw new StoreException($"run {id[..12]} has no result for check `{checkId}` (it has {string.Join(", ", report.Results.Select(r => r.Id).Take(10))})");
            console.WriteLine();
            console.MarkupLine($"{OutcomeStyle.Icon(result)} [bold]{Markup.Escape(result.Id)}[/]{(result.Title is null ? "" : " — " + Markup.Escape(result.Title))} [grey]({result.Kind}, {result.Severity.Code()}{(result.Area is null ? "" : ", " + Markup.Escape(result.Area))})[/]");
            console.MarkupLine($"  {OutcomeStyle.Outcome(result)} in {Units.FormatDuration(result.DurationMs)} after {result.Attempts} attempt{(result.Attempts == 1 ? "" : "s")}{(result.Message is null ? "" : ": " + Markup.Escape(result.Message))}");
            foreach (var attempt in result.AttemptLog)
            {
                console.MarkupLine($"  [grey]attempt {attempt.Number}:[/] {OutcomeStyle.Outcome(attempt.Outcome)} {Units.FormatDuration(attempt.DurationMs)} {Markup.Escape(attempt.Message ?? "")}");
            }

            foreach (var assertion in result.Assertions)
            {
                console.MarkupLine($"  {(assertion.Passed ? "[green]✓[/]" : "[red]✗[/]")} {Markup.Escape(assertion.Expression)}  [grey]actual[/] {Markup.Escape(assertion.Note ?? assertion.Actual ?? "")}");
            }

            foreach (var (name, value) in result.Captures)
            {
                console.MarkupLine($"  [grey]captured[/] {Markup.Escape(name)} = {Markup.Escape(value)}");
            }

            if (result.Fix is not null)
            {
                console.MarkupLine($"  [bold]fix:[/] {Markup.Escape(result.Fix)}");
            }

            // A watch check: each measurement over the window.
            var measurements = await Greenlight.Watch.WatchStore.MeasurementsAsync(store, id, checkId, cancellationToken);
            if (measurements.Count > 0)
            {
                console.WriteLine();
                console.MarkupLine($"{measurements.Count} measurements:");
                MeasurementTable.Render(console, [.. measurements.Select(m => (id, m))], showRun: false);
                foreach (var item in measurements.Where(m => m.Evidence.Count > 0).TakeLast(1).SelectMany(m => m.Evidence.Select(e => e with { Name = $"{e.Name} (tick {m.Tick + 1})" })))
                {
                    console.WriteLine();
                    console.MarkupLine($"[bold]── {Markup.Escape(item.Name)}[/]");
                    console.WriteLine(item.Content);
                }
            }

            foreach (var item in result.Evidence)
            {
                console.WriteLine();
                console.MarkupLine($"[bold]── {Markup.Escape(item.Name)}[/]{(item.FullLength is long n ? $" [grey](first part of {n} characters)[/]" : "")}");
                console.WriteLine(item.Content);
            }

            return ExitCodes.Go;
        }, cancellationToken));
        return command;
    }
}
