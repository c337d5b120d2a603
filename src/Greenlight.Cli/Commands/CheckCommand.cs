using System.CommandLine;
using Greenlight.Assertions;
using Greenlight.Cli.Rendering;
using Greenlight.Engine;
using Greenlight.Releases;
using Greenlight.Reports;
using Greenlight.Reports.Html;
using Greenlight.Secrets;
using Greenlight.Spec;
using Greenlight.Store;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>
/// <c>greenlight check</c>: maps the command line to <see cref="ReleaseCheck"/> and renders. Stdout
/// carries only what was asked for (the console view, or the report in a machine format); spec
/// errors and diagnostics go to stderr.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new SpecOptions();
        var phase = new Option<string?>("--phase") { Description = "Run only the checks of this phase (and what they need): pre, post or watch. Default: all.", HelpName = "PHASE" };
        phase.AcceptOnlyFromAmong("pre", "post", "watch");
        var only = new Option<string[]>("--only") { Description = "Run only these checks (and what they need). Repeatable.", HelpName = "ID", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var parallel = CliOptions.PositiveInt("--parallel", "How many checks run at once.", 16);
        var format = new Option<string>("--format") { Description = "Report format: console, json, md, junit, github (workflow commands and a job summary), gitlab-codequality or html (the release review as one page).", DefaultValueFactory = _ => "console", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong(["console", .. ReportWriters.Formats]);
        var output = CliOptions.OutFile("Write the report to this file instead of standard output (console: as plain text).");
        var strict = new Option<bool>("--strict") { Description = "Exit 1 on GO WITH WARNINGS too." };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text, no colours." };
        var store = StoreOption.Create();
        var noStore = new Option<bool>("--no-store") { Description = "Do not record this run." };
        var storeWait = CliOptions.Duration("--store-wait", "How long to wait for a store another writer has locked, before giving up.", "60s");
        var rollbackOnNoGo = new Option<bool>("--rollback-on-no-go") { Description = "On NO-GO, run the spec's rollback steps at once (no question asked) and verify with the post checks; exit 4 if a step fails." };
        var evidenceLimit = new Option<string>("--evidence-limit") { Description = "Cut evidence (bodies, output) beyond this size in reports and the store; the full size is kept.", DefaultValueFactory = _ => "64KiB", HelpName = "SIZE" };
        evidenceLimit.Validators.Add(r =>
        {
            if (!Units.TryParseSize(r.GetValueOrDefault<string>() ?? "", out var bytes) || bytes < 1 || bytes > int.MaxValue)
            {
                r.AddError("--evidence-limit: expected a size such as 64KiB or 1MB");
            }
        });

        var waivers = new Option<string?>("--waivers") { Description = "Accepted failures to apply (default: waivers.yaml beside the spec, when it exists).", HelpName = "FILE" };
        var baseline = new Option<string?>("--baseline") { Description = "The run that baseline(…) in assertions compares with (default: the last run of this spec that ended GO).", HelpName = "RUN" };
        var noPrompt = new Option<bool>("--no-prompt") { Description = "Never ask at the terminal to sign off pending manual checks (never asked in CI or through a pipe)." };
        var command = new Command("check", "Run the spec's checks and end with GO, GO WITH WARNINGS or NO-GO (exit 0, 0 or 1; 2 for a bad spec; 130 when interrupted).");
        spec.AddTo(command);
        foreach (var option in new Option[] { phase, only, parallel, format, output, strict, noColor, store, noStore, storeWait, evidenceLimit, rollbackOnNoGo, waivers, baseline, noPrompt })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var formatName = parse.GetValue(format)!;
            var outFile = parse.GetValue(output);
            var machineOnStdout = formatName != "console" && outFile is null;

            // People see progress and the summary on stdout, unless stdout carries a machine report.
            var human = ConsoleFactory.Create(machineOnStdout ? stderr : stdout, parse.GetValue(noColor));
            var diagnostics = ConsoleFactory.Create(stderr, parse.GetValue(noColor));
            var (loadOptions, optionError) = spec.Read(parse);
            if (loadOptions is null)
            {
                return await ProblemAsync("usage", optionError!, [], Redactor.None);
            }

            Units.TryParseSize(parse.GetValue(evidenceLimit)!, out var limit);
            var outcome = await ReleaseCheck.RunAsync(new ReleaseCheckRequest
            {
                SpecPath = parse.GetValue(spec.File)!,
                LoadOptions = loadOptions,
                Phase = parse.GetValue(phase) is { } p ? Enum.Parse<Phase>(p, ignoreCase: true) : null,
                Only = parse.GetValue(only) ?? [],
                Parallelism = parse.GetValue(parallel),
                EvidenceLimit = (int)limit,
                Store = parse.GetValue(store),
                NoStore = parse.GetValue(noStore),
                StoreWait = CliOptions.ParseDuration(parse.GetValue(storeWait)!),
                Strict = parse.GetValue(strict),
                Observer = new LiveProgress(human),
                Listener = new DiagnosticsListener(diagnostics),
                WaiversPath = parse.GetValue(waivers),
                Baseline = parse.GetValue(baseline),
                Prompter = !parse.GetValue(noPrompt) && !machineOnStdout && outFile is null && ReferenceEquals(stdout, Console.Out)
                    && Signoffs.SignoffService.MayPrompt(!Console.IsInputRedirected, !Console.IsOutputRedirected, SpecLoadOptions.ProcessEnvironment())
                    ? new TerminalSignoffPrompter(human, Console.In) : null,
            }, cancellationToken);

            switch (outcome.Status)
            {
                case ReleaseCheckStatus.SpecInvalid:
                    SpecErrorPrinter.Print(diagnostics, outcome.SpecErrors, outcome.Redactor);
                    var count = outcome.SpecErrors.Count;
                    return await ProblemAsync("spec", $"{count} error{(count == 1 ? "" : "s")} in the spec; nothing was run.", outcome.SpecErrors, outcome.Redactor, printed: true);
                case ReleaseCheckStatus.BadRequest:
                    return await ProblemAsync("usage", outcome.Error!, [], outcome.Redactor);
                case ReleaseCheckStatus.StoreUnavailable:
                    return await ProblemAsync("store", outcome.Error!, [], outcome.Redactor);
            }

            var report = outcome.Report!;
            var document = outcome.Spec!;
            var specPath = parse.GetValue(spec.File)!;
            var exitCode = CliOptions.ExitCode(outcome.Exit);
            if (outcome.StoreFailure is not null)
            {
                diagnostics.MarkupLine($"[red]error[/]: {Markup.Escape(outcome.StoreFailure)}");
            }

            human.WriteLine();
            SummaryRenderer.Render(human, report, exitCode);
            if (outcome.Recorded)
            {
                human.MarkupLine($"[grey]Run {report.RunId[..12]} recorded: greenlight show {report.RunId[..12]}[/]");
            }

            // The report is written even when the run was interrupted: what finished is kept.
            if (outFile is not null)
            {
                await using (var file = System.IO.File.Create(outFile))
                {
                    await WriteReportAsync(formatName, report, exitCode, file, Comparison());
                }

                human.MarkupLine($"[grey]Report written to {Markup.Escape(outFile)}[/]");
            }
            else if (machineOnStdout)
            {
                await stdout.FlushAsync(CancellationToken.None);
                await using var buffer = new MemoryStream();
                await WriteReportAsync(formatName, report, exitCode, buffer, Comparison());
                await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                await stdout.FlushAsync(CancellationToken.None);
            }

            if (report.Verdict == Verdict.NoGo && !report.Interrupted && parse.GetValue(rollbackOnNoGo) && document.Rollback.Count > 0)
            {
                human.WriteLine();
                var rolled = await RollbackCommand.RunAsync(human, document, specPath, parse.GetValue(store), parse.GetValue(noStore), verify: true, "check ended NO-GO", null, cancellationToken);
                exitCode = rolled is ExitCodes.RollbackFailed or ExitCodes.Interrupted ? rolled : ExitCodes.NoGo;
            }

            return exitCode;

            // The HTML review compares this run with the previous one in the store it was recorded in.
            (StoreDialect? Store, string WhyNot) Comparison() =>
                outcome.Recorded ? (RunStoreFactory.Locate(parse.GetValue(store), specPath), "")
                : (null, parse.GetValue(noStore) ? "This run was not recorded (--no-store), so it is not compared with an earlier one."
                    : $"This run could not be recorded, so it is not compared with an earlier one: {outcome.StoreFailure}");

            // Nothing ran: errors go to stderr; a JSON report becomes a JSON problem object where the report would have gone.
            async Task<int> ProblemAsync(string problem, string message, IReadOnlyList<SpecError> errors, Redactor redactor, bool printed = false)
            {
                diagnostics.MarkupLine(printed ? $"[red]{Markup.Escape(message)}[/]" : $"[red]error[/]: {Markup.Escape(redactor.Redact(message))}");
                if (formatName == "json")
                {
                    await using var buffer = new MemoryStream();
                    await ProblemReportWriter.WriteAsync(buffer, problem, message, errors, [], redactor, CancellationToken.None);
                    await CliOptions.EmitAsync(buffer, outFile, stdout);
                }

                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static async Task WriteReportAsync(string format, RunReport report, int exitCode, Stream output, (StoreDialect? Store, string WhyNot) comparison)
    {
        if (format == "html")
        {
            var review = comparison.Store is { } dialect
                ? await ReleaseReviewBuilder.BuildAsync(report, dialect, CancellationToken.None)
                : ReleaseReview.Alone(report, comparison.WhyNot);
            await HtmlReportWriter.WriteAsync(review, output, CancellationToken.None);
            return;
        }

        if (ReportWriters.Find(format) is { } writer)
        {
            await writer.WriteAsync(report, output, CancellationToken.None);
            return;
        }

        // The console format in a file: the same summary, as plain text.
        await using var text = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        SummaryRenderer.Render(ConsoleFactory.Plain(text), report, exitCode);
        await text.FlushAsync(CancellationToken.None);
    }

    /// <summary>Spec warnings and store notices, on stderr, before and while the checks run.</summary>
    private sealed class DiagnosticsListener(IAnsiConsole console) : IReleaseCheckListener
    {
        public void SpecLoaded(SpecDocument spec, IReadOnlyList<SpecError> warnings, Redactor redactor) =>
            SpecErrorPrinter.Print(console, warnings, redactor, "warning");

        public void Notice(string message) => console.MarkupLine($"[yellow]note[/]: {Markup.Escape(message)}");
    }
}
