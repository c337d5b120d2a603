using System.CommandLine;
using Greenlight.Cli.Rendering;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Secrets;
using Greenlight.Assertions;
using Greenlight.Spec;
using Greenlight.Signoffs;
using Greenlight.Store;
using Greenlight.Waivers;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight check</c>: run the checks, show them live, give the verdict and write the report.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new SpecOptions();
        var phase = new Option<string?>("--phase") { Description = "Run only the checks of this phase (and what they need): pre, post or watch. Default: all.", HelpName = "PHASE" };
        phase.AcceptOnlyFromAmong("pre", "post", "watch");
        var only = new Option<string[]>("--only") { Description = "Run only these checks (and what they need). Repeatable.", HelpName = "ID", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<int>("--parallel") { Description = "How many checks run at once.", DefaultValueFactory = _ => 16, HelpName = "N" };
        parallel.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--parallel must be at least 1");
            }
        });
        var format = new Option<string>("--format") { Description = "Report format: console, json, md or junit.", DefaultValueFactory = _ => "console", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong(["console", .. ReportWriters.Formats]);
        var output = new Option<string?>("--out", "-o") { Description = "Write the report to this file instead of standard output.", HelpName = "FILE" };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 on GO WITH WARNINGS too." };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text, no colours." };
        var store = StoreOption.Create();
        var noStore = new Option<bool>("--no-store") { Description = "Do not record this run." };
        var evidenceLimit = new Option<string>("--evidence-limit") { Description = "Cut evidence (bodies, output) beyond this size in reports and the store; the full size is kept.", DefaultValueFactory = _ => "64KiB", HelpName = "SIZE" };
        evidenceLimit.Validators.Add(r =>
        {
            if (!Greenlight.Assertions.Units.TryParseSize(r.GetValueOrDefault<string>() ?? "", out var bytes) || bytes < 1 || bytes > int.MaxValue)
            {
                r.AddError("--evidence-limit: expected a size such as 64KiB or 1MB");
            }
        });

        var waivers = new Option<string?>("--waivers") { Description = "Accepted failures to apply (default: waivers.yaml beside the spec, when it exists).", HelpName = "FILE" };
        var noPrompt = new Option<bool>("--no-prompt") { Description = "Never ask at the terminal to sign off pending manual checks (never asked in CI or through a pipe)." };
        var command = new Command("check", "Run the spec's checks and end with GO, GO WITH WARNINGS or NO-GO (exit 0, 0 or 1; 2 for a bad spec; 130 when interrupted).");
        spec.AddTo(command);
        foreach (var option in new Option[] { phase, only, parallel, format, output, strict, noColor, store, noStore, evidenceLimit, waivers, noPrompt })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var formatName = parse.GetValue(format)!;
            var outFile = parse.GetValue(output);

            // With a machine format on stdout, people still see progress, on stderr.
            var human = ConsoleFactory.Create(formatName != "console" && outFile is null ? stderr : stdout, parse.GetValue(noColor));
            var (loadOptions, optionError) = spec.Read(parse);
            if (loadOptions is null)
            {
                human.MarkupLine($"[red]error[/]: {Spectre.Console.Markup.Escape(optionError!)}");
                return ExitCodes.BadInput;
            }

            SpecDocument document;
            WaiverSet waiverSet;
            try
            {
                document = SpecLoader.LoadFile(parse.GetValue(spec.File)!, loadOptions);
                waiverSet = WaiverSet.Load(parse.GetValue(waivers), document);
            }
            catch (SpecException ex)
            {
                var scope = new VariableScope(loadOptions.CliVariables, SpecLoadOptions.ProcessEnvironment(), new Dictionary<string, string>());
                SpecErrorPrinter.Print(human, ex.Errors, new Redactor(scope.SecretValues()));
                human.MarkupLine($"[red]{ex.Errors.Count} error{(ex.Errors.Count == 1 ? "" : "s")} in the spec; nothing was run.[/]");
                return ExitCodes.BadInput;
            }

            var specPath = parse.GetValue(spec.File)!;
            var provenance = await RunProvenance.DetectAsync(document.Directory, TimeProvider.System, cancellationToken);
            var phaseValue = parse.GetValue(phase) is { } p ? Enum.Parse<Phase>(p, ignoreCase: true) : (Phase?)null;
            IRunObserver observer = new LiveProgress(human);
            StoreRecorder? recorder = null;
            var signoffs = SignoffBook.Empty;
            var onlyIds = parse.GetValue(only) ?? [];
            if (!parse.GetValue(noStore))
            {
                try
                {
                    var runStore = await RunStoreFactory.OpenAsync(parse.GetValue(store), specPath, cancellationToken);
                    if (!parse.GetValue(noPrompt) && formatName == "console" && outFile is null && ReferenceEquals(stdout, Console.Out)
                        && SignoffService.MayPrompt(!Console.IsInputRedirected, !Console.IsOutputRedirected, SpecLoadOptions.ProcessEnvironment()))
                    {
                        var selected = RunSelection.Select(document, new RunOptions { Phase = phaseValue, Only = onlyIds }).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
                        await SignoffService.PromptPendingAsync(runStore, document, selected, provenance, new TerminalSignoffPrompter(human, Console.In), TimeProvider.System, cancellationToken);
                    }

                    signoffs = await SignoffStore.LoadAsync(runStore, document.Name, cancellationToken);
                    recorder = new StoreRecorder(runStore, document, phaseValue?.ToString().ToLowerInvariant() ?? "all", provenance, observer);
                    observer = recorder;
                }
                catch (StoreException ex)
                {
                    human.MarkupLine($"[red]error[/]: {Markup.Escape(ex.Message)} (run with --no-store to check without recording)");
                    return ExitCodes.BadInput;
                }
            }
            else if (RunStoreFactory.Locate(parse.GetValue(store), specPath) is not SqliteDialect { Path: var path } || System.IO.File.Exists(path))
            {
                // Not recording this run, but sign-offs already given still count.
                try
                {
                    signoffs = await SignoffStore.LoadAsync(await RunStoreFactory.OpenAsync(parse.GetValue(store), specPath, cancellationToken), document.Name, cancellationToken);
                }
                catch (StoreException ex)
                {
                    human.MarkupLine($"[yellow]warning[/]: sign-offs not read: {Markup.Escape(ex.Message)}");
                }
            }

            Units.TryParseSize(parse.GetValue(evidenceLimit)!, out var limit);
            var engine = new RunEngine(document, new RunOptions
            {
                Phase = phaseValue,
                Only = onlyIds,
                Waivers = waiverSet,
                Signoffs = signoffs,
                Parallelism = parse.GetValue(parallel),
                Observer = observer,
                EvidenceLimit = (int)limit,
                Provenance = provenance,
            });
            SpecErrorPrinter.Print(human, document.Warnings, engine.Redactor, "warning");

            RunReport report;
            try
            {
                report = await engine.RunAsync(cancellationToken);
            }
            catch (ArgumentException ex)
            {
                human.MarkupLine($"[red]error[/]: {Markup.Escape(ex.Message)}");
                return ExitCodes.BadInput;
            }

            if (recorder is not null)
            {
                await recorder.FinishAsync(report);
                if (recorder.Failure is not null)
                {
                    human.MarkupLine($"[yellow]warning[/]: {Markup.Escape(recorder.Failure)}");
                }
            }

            var exitCode = report.Interrupted ? ExitCodes.Interrupted
                : report.Verdict == Verdict.NoGo ? ExitCodes.NoGo
                : report.Verdict == Verdict.GoWithWarnings && parse.GetValue(strict) ? ExitCodes.NoGo
                : ExitCodes.Go;

            human.WriteLine();
            SummaryRenderer.Render(human, report, exitCode);
            if (recorder is not null && recorder.Failure is null)
            {
                human.MarkupLine($"[grey]Run {report.RunId[..12]} recorded: greenlight show {report.RunId[..12]}[/]");
            }

            var writer = ReportWriters.Find(formatName);
            if (writer is not null)
            {
                // The report is written even when the run was interrupted: what finished is kept.
                if (outFile is null)
                {
                    await stdout.FlushAsync(CancellationToken.None);
                    await using var stream = new MemoryStream();
                    await writer.WriteAsync(report, stream, CancellationToken.None);
                    await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                    await stdout.FlushAsync(CancellationToken.None);
                }
                else
                {
                    await using var file = System.IO.File.Create(outFile);
                    await writer.WriteAsync(report, file, CancellationToken.None);
                    human.MarkupLine($"[grey]Report written to {Markup.Escape(outFile)}[/]");
                }
            }

            return exitCode;
        });
        return command;
    }
}
