using System.CommandLine;
using Greenlight.Cli.Rendering;
using Greenlight.Reports;
using Greenlight.Secrets;
using Greenlight.Spec;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight validate</c>: load the spec and report every mistake; run nothing.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new SpecOptions();
        var noColor = new Option<bool>("--no-color") { Description = "Plain text, no colours." };
        var format = new Option<string>("--format") { Description = "console, or json: one object on stdout (file, line, column and message of every error).", DefaultValueFactory = _ => "console", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("console", "json");
        var command = new Command("validate", "Check the spec for mistakes (file:line:column and what was expected) without running anything. Exit 0 if valid, 2 if not.");
        spec.AddTo(command);
        command.Options.Add(noColor);
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // With --format json, stdout is the JSON object alone; people's text goes to stderr.
            var json = parse.GetValue(format) == "json";
            var console = ConsoleFactory.Create(json ? stderr : stdout, parse.GetValue(noColor));

            // Spec errors and warnings are diagnostics: stderr, whatever the format.
            var diagnostics = ConsoleFactory.Create(stderr, parse.GetValue(noColor));
            var (options, error) = spec.Read(parse);
            if (options is null)
            {
                diagnostics.MarkupLine($"[red]error[/]: {Markup.Escape(error!)}");
                if (json)
                {
                    await using var buffer = new MemoryStream();
                    await ProblemReportWriter.WriteAsync(buffer, "usage", error!, [], [], Redactor.None, cancellationToken);
                    await CliOptions.EmitAsync(buffer, null, stdout);
                }

                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(spec.File)!;
            try
            {
                var document = SpecLoader.LoadFile(path, options);
                var redactor = document.Redactor;
                SpecErrorPrinter.Print(diagnostics, document.Warnings, redactor, "warning");
                var kinds = string.Join(", ", document.Checks.GroupBy(c => c.Kind.Name).Select(g => $"{g.Key} {g.Count()}"));
                console.MarkupLine($"[green]✓[/] {Markup.Escape(path)}: spec [bold]{Markup.Escape(redactor.Redact(document.Name))}[/] is valid — {document.Checks.Count} check{(document.Checks.Count == 1 ? "" : "s")} ({Markup.Escape(kinds)})");
                if (json)
                {
                    await using var buffer = new MemoryStream();
                    await ProblemReportWriter.WriteValidAsync(buffer, document, redactor, cancellationToken);
                    await CliOptions.EmitAsync(buffer, null, stdout);
                }

                return ExitCodes.Go;
            }
            catch (SpecException ex)
            {
                // The loader's redactor knows every secret of the spec: environment, .env, vars, secrets:, URL passwords.
                SpecErrorPrinter.Print(diagnostics, ex.Errors, ex.Redactor);
                diagnostics.MarkupLine($"[red]{ex.Errors.Count} error{(ex.Errors.Count == 1 ? "" : "s")} in {Markup.Escape(path)}[/]");
                if (json)
                {
                    await using var buffer = new MemoryStream();
                    var message = $"{ex.Errors.Count} error{(ex.Errors.Count == 1 ? "" : "s")} in {path}";
                    await ProblemReportWriter.WriteAsync(buffer, "spec", message, ex.Errors, [], ex.Redactor, cancellationToken);
                    await CliOptions.EmitAsync(buffer, null, stdout);
                }

                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
