using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenlight.Alerts;
using Greenlight.Assertions;
using Greenlight.Cli.Rendering;
using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Store;
using Greenlight.Watch;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight watch</c>: measure the watch checks over a window, live, and end with a verdict (or HOLD).</summary>
internal static class WatchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new SpecOptions();
        var duration = Duration("--for", "How long the window lasts (default: the spec's watch.for, else 1h).");
        var every = Duration("--every", "How often each check is measured (default: the spec's watch.every, else 5m).");
        var delay = Duration("--initial-delay", "Wait this long before the first measurement (default: watch.initial_delay, else 0).");
        var window = new Option<string?>("--window") { Description = "Run this named window of watch.windows instead of the main one.", HelpName = "NAME" };
        var only = new Option<string[]>("--only") { Description = "Watch only these checks. Repeatable.", HelpName = "ID", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var resume = new Option<string?>("--resume") { Description = "Continue a stored window that was stopped (the last unfinished one of this spec, or RUN).", HelpName = "RUN", Arity = ArgumentArity.ZeroOrOne };
        var rollbackOnFail = new Option<bool>("--rollback-on-fail") { Description = "When the window ends NO-GO, run the rollback steps at once (no question asked) and verify with the post checks." };
        var baseline = new Option<string?>("--baseline") { Description = "The run that baseline(…) compares with (default: the last run of this spec that ended GO).", HelpName = "RUN" };
        var parallel = new Option<int>("--parallel") { Description = "How many measurements run at once.", DefaultValueFactory = _ => 32, HelpName = "N" };
        var format = new Option<string>("--format") { Description = "console, or json (the window's report on stdout; the live view goes to stderr).", DefaultValueFactory = _ => "console", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("console", "json");
        var strict = new Option<bool>("--strict") { Description = "Exit 1 on GO WITH WARNINGS too." };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text, no colours." };
        var store = StoreOption.Create();
        var noStore = new Option<bool>("--no-store") { Description = "Do not record the window (it cannot be resumed then)." };

        var command = new Command("watch", "Measure the watch checks over a window with a live view and end with GO, GO WITH WARNINGS, NO-GO or HOLD (exit 0, 0, 1 or 3; 4 when a rollback failed; 2 for a bad spec; 130 when interrupted).");
        spec.AddTo(command);
        foreach (var option in new Option[] { duration, every, delay, window, only, resume, rollbackOnFail, baseline, parallel, format, strict, noColor, store, noStore })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(format) == "json";
            var human = ConsoleFactory.Create(json ? stderr : stdout, parse.GetValue(noColor));
            var document = SpecLoading.Load(human, spec, parse);
            if (document is null)
            {
                return ExitCodes.BadInput;
            }

            var specPath = parse.GetValue(spec.File)!;
            var provenance = await RunProvenance.DetectAsync(document.Directory, TimeProvider.System, cancellationToken);
            SqlRunStore? runStore = null;
            WatchResume? resumed = null;
            var baselines = Baselines.BaselineSet.None("no baseline: --no-store reads no earlier run");
            var resuming = parse.GetResult(resume) is not null;
            if (!parse.GetValue(noStore) || resuming)
            {
                try
                {
                    runStore = await RunStoreFactory.OpenAsync(parse.GetValue(store), specPath, cancellationToken);
                    if (resuming)
                    {
                        resumed = await WatchStore.LoadResumeAsync(runStore, document.Name, parse.GetValue(resume), cancellationToken);
                    }

                    if (Baselines.BaselineLoader.ChecksNamingABaseline(document).Count > 0)
                    {
                        baselines = await Baselines.BaselineLoader.LoadAsync(runStore, document, parse.GetValue(baseline), cancellationToken);
                    }
                }
                catch (StoreException ex)
                {
                    human.MarkupLine($"[red]error[/]: {Markup.Escape(ex.Message)}{(resuming ? "" : " (run with --no-store to watch without recording)")}");
                    return ExitCodes.BadInput;
                }
            }

            WatchPlan plan;
            try
            {
                plan = resumed is null
                    ? WatchPlan.Resolve(document, parse.GetValue(window), parse.GetValue(only) ?? [], Span(parse, every), Span(parse, duration), Span(parse, delay))
                    : WatchPlan.Resolve(document, resumed.Window, parse.GetValue(only) ?? [], resumed.Every, resumed.For, resumed.InitialDelay);
            }
            catch (ArgumentException ex)
            {
                human.MarkupLine($"[red]error[/]: {Markup.Escape(ex.Message)}");
                return ExitCodes.BadInput;
            }

            if (resumed is not null)
            {
                human.MarkupLine($"[grey]Resuming window {Markup.Escape(resumed.Window)} of run {resumed.RunId[..12]}, started {resumed.WindowStart.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {resumed.Measurements.Count} measurements stored.[/]");
            }

            await using var alerts = document.Alerts.Count > 0 ? CreateAlerts(document, provenance) : null;
            var view = new WatchView(human, TimeProvider.System);
            var runner = new WatchRunner(document, plan, new WatchRunOptions
            {
                Parallelism = Math.Max(1, parse.GetValue(parallel)),
                Observer = view,
                Journal = runStore is null || (parse.GetValue(noStore) && !resuming) ? null : new WatchStore(runStore, document, provenance),
                Alerts = alerts,
                Resume = resumed,
                Baselines = baselines,
                Provenance = provenance,
            });
            SpecErrorPrinter.Print(human, document.Warnings, runner.Redactor, "warning");
            var report = await view.RunAsync(() => runner.RunAsync(cancellationToken));

            var exitCode = report.Interrupted ? ExitCodes.Interrupted
                : report.Verdict == Verdict.NoGo ? ExitCodes.NoGo
                : report.Verdict == Verdict.Hold ? ExitCodes.Hold
                : report.Verdict == Verdict.GoWithWarnings && parse.GetValue(strict) ? ExitCodes.NoGo
                : ExitCodes.Go;
            human.WriteLine();
            Render(human, report, exitCode);
            if (runStore is not null && !parse.GetValue(noStore))
            {
                human.MarkupLine($"[grey]Window {report.RunId[..12]} recorded: greenlight show {report.RunId[..12]}{(report.Interrupted ? $" · continue it with greenlight watch --resume {report.RunId[..12]}" : "")}[/]");
            }

            if (report.Verdict == Verdict.NoGo && !report.Interrupted && parse.GetValue(rollbackOnFail))
            {
                if (document.Rollback.Count == 0)
                {
                    human.MarkupLine("[yellow]warning[/]: --rollback-on-fail, but the spec has no `rollback:` steps; nothing was rolled back");
                }
                else
                {
                    human.WriteLine();
                    var rolled = await RollbackCommand.RunAsync(human, document, specPath, parse.GetValue(store), parse.GetValue(noStore), verify: true,
                        $"watch window `{report.Window}` ended NO-GO", alerts, cancellationToken);
                    exitCode = rolled == ExitCodes.RollbackFailed ? ExitCodes.RollbackFailed : rolled == ExitCodes.Interrupted ? ExitCodes.Interrupted : ExitCodes.NoGo;
                }
            }

            IReadOnlyList<AlertDelivery> deliveries = [];
            if (alerts is not null)
            {
                await alerts.DrainAsync(TimeSpan.FromSeconds(30));
                PrintDeliveryFailures(human, alerts);
                deliveries = alerts.Deliveries;
                if (runStore is not null && !parse.GetValue(noStore))
                {
                    try
                    {
                        await AlertLog.RecordAsync(runStore, report.RunId, deliveries, CancellationToken.None);
                    }
                    catch (Exception ex) when (ex is StoreException or System.Data.Common.DbException)
                    {
                        human.MarkupLine($"[yellow]warning[/]: the alert deliveries were not recorded: {Markup.Escape(ex.Message)}");
                    }
                }
            }

            if (json)
            {
                await stdout.WriteLineAsync(ToJson(report, deliveries).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                await stdout.FlushAsync(CancellationToken.None);
            }

            return exitCode;
        });
        return command;
    }

    public static AlertDispatcher CreateAlerts(SpecDocument document, RunProvenance provenance)
    {
        var redactor = new Secrets.Redactor(document.Variables.SecretValues().Concat(document.Targets.Values.Select(Secrets.Redactor.PasswordOf).OfType<string>()));
        var context = new AlertContext(document.Name, document.Variables.Lookup("ENVIRONMENT"), document.Variables.Lookup("VERSION"), provenance.GitCommit, redactor);
        return new AlertDispatcher(document.Alerts, context, text => Interpolator.Expand(text, n => n.Contains('.', StringComparison.Ordinal) ? null : document.Variables.Lookup(n)), TimeProvider.System);
    }

    public static void PrintDeliveryFailures(IAnsiConsole human, AlertDispatcher alerts)
    {
        foreach (var failed in alerts.Deliveries.Where(d => !d.Delivered))
        {
            human.MarkupLine($"[yellow]warning[/]: alert {ReleaseSectionsReader.Snake(failed.Event)} to {Markup.Escape(failed.Channel)} was not delivered after {failed.Attempts} attempt{(failed.Attempts == 1 ? "" : "s")}: {Markup.Escape(failed.Error ?? "")}");
        }
    }

    private static void Render(IAnsiConsole console, WatchReport report, int exitCode)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "Outcome", "Check", "Severity", "Pass", "Fail", "Error", "Inconcl.", "Last", "Why" })
        {
            table.AddColumn(column);
        }

        foreach (var c in report.Checks.OrderByDescending(c => c.Outcome))
        {
            table.AddRow(new Markup(WatchView.Icon(c.Outcome) + " " + WatchJudge.Code(c.Outcome) + (c.DryRun ? " [grey](dry run)[/]" : "")), new Markup(Markup.Escape(c.Id)), new Markup(c.Severity),
                new Markup(Num(c.Passes)), new Markup(Num(c.Failures)), new Markup(Num(c.Errors)), new Markup(Num(c.Inconclusives)),
                new Markup(Markup.Escape(c.LastValue ?? "")), new Markup(Markup.Escape(OutcomeStyle.Shorten(c.Reason, 120))));
        }

        console.Write(table);
        foreach (var c in report.Checks.Where(c => c.Fix is not null))
        {
            console.MarkupLine($"  [bold]fix for {Markup.Escape(c.Id)}:[/] {Markup.Escape(c.Fix!)}");
        }

        console.WriteLine();
        console.MarkupLine($"Verdict: {OutcomeStyle.Verdict(report.Verdict)}{(report.Interrupted ? " [yellow](interrupted)[/]" : "")}  " +
            $"[grey]window {Markup.Escape(report.Window)}, {report.Measurements} measurements in {Units.FormatDuration((report.FinishedAt - report.StartedAt).TotalMilliseconds)}, lag p99 {Units.FormatDuration(report.LagP99Ms)}{(report.MissedTicks > 0 ? $", {report.MissedTicks} ticks missed while stopped" : "")} · exit {exitCode}[/]");
        if (report.EndedEarly is not null)
        {
            console.MarkupLine($"  [grey]ended early: {Markup.Escape(report.EndedEarly)}[/]");
        }

        if (report.Verdict == Verdict.Hold)
        {
            console.MarkupLine("  [yellow]HOLD: the window could not decide; a person decides (see why below).[/]");
        }

        foreach (var reason in report.Reasons)
        {
            console.MarkupLine($"  - {Markup.Escape(reason)}");
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine($"  [grey]note: {Markup.Escape(note)}[/]");
        }
    }

    /// <summary>JSON nodes built from primitives (no reflection), so the trimmed single-file build prints the same.</summary>
    private static JsonObject ToJson(WatchReport r, IReadOnlyList<AlertDelivery> deliveries) => new()
    {
        ["schema"] = WatchReport.SchemaName,
        ["run_id"] = r.RunId,
        ["spec"] = r.Spec,
        ["window"] = r.Window,
        ["verdict"] = VerdictRules.Code(r.Verdict),
        ["reasons"] = Strings(r.Reasons),
        ["notes"] = Strings(r.Notes),
        ["started_at"] = r.StartedAt,
        ["finished_at"] = r.FinishedAt,
        ["interrupted"] = r.Interrupted,
        ["ended_early"] = r.EndedEarly,
        ["measurements"] = r.Measurements,
        ["missed_ticks"] = r.MissedTicks,
        ["lag_p99_ms"] = r.LagP99Ms,
        ["checks"] = new JsonArray(r.Checks.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id, ["kind"] = c.Kind, ["severity"] = c.Severity, ["dry_run"] = c.DryRun, ["outcome"] = WatchJudge.Code(c.Outcome), ["reason"] = c.Reason,
            ["passes"] = c.Passes, ["failures"] = c.Failures, ["errors"] = c.Errors, ["inconclusive"] = c.Inconclusives, ["last_value"] = c.LastValue, ["fix"] = c.Fix,
        }).ToArray()),
        ["alerts_not_delivered"] = new JsonArray(deliveries.Where(d => !d.Delivered).Select(d => (JsonNode?)new JsonObject
        {
            ["event"] = ReleaseSectionsReader.Snake(d.Event), ["channel"] = d.Channel, ["attempts"] = d.Attempts, ["error"] = d.Error, ["at"] = d.At,
        }).ToArray()),
    };

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    private static Option<string?> Duration(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "DURATION" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && (!Units.TryParseDuration(text, out var span) || span < TimeSpan.Zero || (name != "--initial-delay" && span == TimeSpan.Zero)))
            {
                r.AddError($"{name}: expected {Units.DurationHint}");
            }
        });
        return option;
    }

    private static TimeSpan? Span(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text && Units.TryParseDuration(text, out var span) ? span : null;

    private static string Num(int n) => n == 0 ? "[grey]0[/]" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
