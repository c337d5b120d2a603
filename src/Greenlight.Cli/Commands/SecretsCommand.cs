using System.CommandLine;
using Greenlight.Checks.Secrets;
using Greenlight.Cli.Rendering;
using Greenlight.Secrets;
using Greenlight.Spec;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight secrets baseline</c>: accept the findings a secrets check sees today, once, so only new leaks fail.</summary>
internal static class SecretsCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("secrets", "Work with secrets checks: `baseline` accepts today's findings once.");
        var spec = new SpecOptions();
        var check = new Option<string?>("--check") { Description = "The secrets check whose findings to accept (default: every secrets check).", HelpName = "ID" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the baseline here instead of the check's `baseline` file.", HelpName = "FILE" };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text, no colours." };
        var baseline = new Command("baseline", "Scan now and write every finding (fingerprint, rule, file, line, masked value; never the secret) to the check's baseline file.");
        spec.AddTo(baseline);
        baseline.Options.Add(check);
        baseline.Options.Add(output);
        baseline.Options.Add(noColor);
        baseline.SetAction(async (parse, cancellationToken) =>
        {
            var console = ConsoleFactory.Create(stdout, parse.GetValue(noColor));
            var (loadOptions, optionError) = spec.Read(parse);
            if (loadOptions is null)
            {
                console.MarkupLine($"[red]error[/]: {Markup.Escape(optionError!)}");
                return ExitCodes.BadInput;
            }

            SpecDocument document;
            try
            {
                document = SpecLoader.LoadFile(parse.GetValue(spec.File)!, loadOptions);
            }
            catch (SpecException ex)
            {
                var scope = new VariableScope(loadOptions.CliVariables, SpecLoadOptions.ProcessEnvironment(), new Dictionary<string, string>());
                SpecErrorPrinter.Print(console, ex.Errors, new Redactor(scope.SecretValues()));
                return ExitCodes.BadInput;
            }

            try
            {
                foreach (var (id, path, count) in await SecretsBaselineWriter.WriteAsync(document, parse.GetValue(check), parse.GetValue(output), TimeProvider.System, cancellationToken))
                {
                    console.MarkupLine($"[green]✓[/] {Markup.Escape(id)}: {count} finding{(count == 1 ? "" : "s")} accepted in {Markup.Escape(path)}");
                }

                return ExitCodes.Go;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or FileSets.FileSetException)
            {
                console.MarkupLine($"[red]error[/]: {Markup.Escape(ex.Message)}");
                return ExitCodes.BadInput;
            }
        });
        command.Subcommands.Add(baseline);
        return command;
    }
}
