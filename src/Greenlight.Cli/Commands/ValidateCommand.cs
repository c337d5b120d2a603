using System.CommandLine;
using Greenlight.Cli.Rendering;
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
        var command = new Command("validate", "Check the spec for mistakes (file:line:column and what was expected) without running anything. Exit 0 if valid, 2 if not.");
        spec.AddTo(command);
        command.Options.Add(noColor);
        command.SetAction(parse =>
        {
            var console = ConsoleFactory.Create(stdout, parse.GetValue(noColor));
            var (options, error) = spec.Read(parse);
            if (options is null)
            {
                console.MarkupLine($"[red]error[/]: {Markup.Escape(error!)}");
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(spec.File)!;
            try
            {
                var document = SpecLoader.LoadFile(path, options);
                var redactor = document.Redactor;
                SpecErrorPrinter.Print(console, document.Warnings, redactor, "warning");
                var kinds = string.Join(", ", document.Checks.GroupBy(c => c.Kind.Name).Select(g => $"{g.Key} {g.Count()}"));
                console.MarkupLine($"[green]✓[/] {Markup.Escape(path)}: spec [bold]{Markup.Escape(redactor.Redact(document.Name))}[/] is valid — {document.Checks.Count} check{(document.Checks.Count == 1 ? "" : "s")} ({Markup.Escape(kinds)})");
                return ExitCodes.Go;
            }
            catch (SpecException ex)
            {
                // The loader's redactor knows every secret of the spec: environment, .env, vars, secrets:, URL passwords.
                SpecErrorPrinter.Print(console, ex.Errors, ex.Redactor);
                console.MarkupLine($"[red]{ex.Errors.Count} error{(ex.Errors.Count == 1 ? "" : "s")} in {Markup.Escape(path)}[/]");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
