using System.CommandLine;
using Greenlight.Checks;
using Greenlight.Spec;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight spec-schema</c>: print the JSON Schema of a spec, for editors.</summary>
internal static class SpecSchemaCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string?>("--out", "-o") { Description = "Write the schema to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("spec-schema", "Print the JSON Schema of greenlight.yaml, so editors complete and flag it (see docs/editor-setup.md).");
        command.Options.Add(output);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = Greenlight.Text.JsonText.Indented(SpecJsonSchema.Build(CheckKindRegistry.Default)) + "\n";
            if (parse.GetValue(output) is { } file)
            {
                await System.IO.File.WriteAllTextAsync(file, text, cancellationToken);
            }
            else
            {
                await stdout.WriteAsync(text);
            }

            return ExitCodes.Go;
        });
        return command;
    }
}
