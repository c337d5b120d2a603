using System.CommandLine;
using Greenlight.Alerts;
using Greenlight.Cli.Rendering;
using Greenlight.Engine;
using Greenlight.Rollback;
using Greenlight.Spec;
using Greenlight.Store;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight rollback</c>: show the steps, confirm, run them in order, then verify with the post checks.</summary>
internal static class RollbackCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new SpecOptions();
        var yes = new Option<bool>("--yes", "-y") { Description = "Run without asking (needed when standard input is not a terminal)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the steps that would run, and run nothing." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Do not re-run the post checks afterwards." };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text, no colours." };
        var store = StoreOption.Create();
        var noStore = new Option<bool>("--no-store") { Description = "Do not record the rollback." };
        var command = new Command("rollback", "Run the spec's rollback steps in order (after confirming), then re-run the post checks to verify the way back (exit 0; 1 when the post checks still fail; 4 when a step failed).");
        spec.AddTo(command);
        foreach (var option in new Option[] { yes, dryRun, noVerify, noColor, store, noStore })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var human = ConsoleFactory.Create(stdout, parse.GetValue(noColor));
            var document = SpecLoading.Load(human, spec, parse);
            if (document is null)
            {
                return ExitCodes.BadInput;
            }

            if (document.Rollback.Count == 0)
            {
                human.MarkupLine("[red]error[/]: the spec has no `rollback:` steps (add a list such as `- run: git revert --no-edit HEAD`)");
                return ExitCodes.BadInput;
            }

            var preview = new RollbackRunner(document, new RollbackOptions());
            RollbackRenderer.Plan(human, preview.Describe());
            if (parse.GetValue(dryRun))
            {
                human.MarkupLine("[grey]--dry-run: nothing was run.[/]");
                return ExitCodes.Go;
            }

            if (!parse.GetValue(yes))
            {
                if (Console.IsInputRedirected || !human.Profile.Capabilities.Interactive)
                {
                    human.MarkupLine("[red]error[/]: not a terminal, so no one can confirm: pass --yes to run the rollback");
                    return ExitCodes.BadInput;
                }

                if (!await YesNoPrompt.AskAsync(human, Console.In, "Run the rollback now?", cancellationToken))
                {
                    human.MarkupLine("Nothing was run.");
                    return ExitCodes.Go;
                }
            }

            return await RunAsync(human, document, parse.GetValue(spec.File)!, parse.GetValue(store), parse.GetValue(noStore), !parse.GetValue(noVerify), null, null, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the rollback with the console hooks; shared by rollback, watch --rollback-on-fail and check --rollback-on-no-go.</summary>
    public static async Task<int> RunAsync(IAnsiConsole human, SpecDocument document, string specPath, string? storeUrl, bool noStore, bool verify,
        string? reason, IAlertSink? alerts, CancellationToken cancellationToken)
    {
        var provenance = await RunProvenance.DetectAsync(document.Directory, TimeProvider.System, cancellationToken);
        SqlRunStore? runStore = null;
        if (!noStore)
        {
            try
            {
                runStore = await RunStoreFactory.OpenAsync(storeUrl, specPath, cancellationToken);
            }
            catch (StoreException ex)
            {
                human.MarkupLine($"[yellow]warning[/]: {Markup.Escape(ex.Message)}; the rollback runs without being recorded");
            }
        }

        AlertDispatcher? own = null;
        if (alerts is null && document.Alerts.Count > 0)
        {
            own = WatchCommand.CreateAlerts(document, provenance);
            alerts = own;
        }

        human.MarkupLine("[bold]Rolling back…[/]");
        var runner = new RollbackRunner(document, new RollbackOptions
        {
            Store = runStore,
            Provenance = provenance,
            Alerts = alerts,
            Reason = reason,
            Verify = verify ? PostCheckVerifier.For(document, runStore, provenance, new LiveProgress(human), TimeProvider.System) : null,
            StepStarted = (i, name) => human.MarkupLine($"[grey]  step {i + 1}: {Markup.Escape(name)}…[/]"),
            StepFinished = step => RollbackRenderer.Step(human, step),
        });
        var report = await runner.RunAsync(cancellationToken);
        RollbackRenderer.Result(human, report);
        if (own is not null)
        {
            await own.DrainAsync(TimeSpan.FromSeconds(30));
            WatchCommand.PrintDeliveryFailures(human, own);
            if (runStore is not null)
            {
                try
                {
                    await AlertLog.RecordAsync(runStore, report.RunId, own.Deliveries, CancellationToken.None);
                }
                catch (Exception ex) when (ex is StoreException or System.Data.Common.DbException)
                {
                    human.MarkupLine($"[yellow]warning[/]: the alert deliveries were not recorded: {Markup.Escape(ex.Message)}");
                }
            }

            await own.DisposeAsync();
        }

        return RollbackRenderer.ExitCode(report);
    }
}
