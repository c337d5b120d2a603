using Greenlight.Cli.Rendering;
using Greenlight.Secrets;
using Greenlight.Spec;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>Loads the spec for watch and rollback, printing its errors as check does (exit 2 for the caller).</summary>
internal static class SpecLoading
{
    public static SpecDocument? Load(IAnsiConsole human, SpecOptions spec, System.CommandLine.ParseResult parse)
    {
        var (loadOptions, optionError) = spec.Read(parse);
        if (loadOptions is null)
        {
            human.MarkupLine($"[red]error[/]: {Markup.Escape(optionError!)}");
            return null;
        }

        try
        {
            return SpecLoader.LoadFile(parse.GetValue(spec.File)!, loadOptions);
        }
        catch (SpecException ex)
        {
            var scope = new VariableScope(loadOptions.CliVariables, SpecLoadOptions.ProcessEnvironment(), new Dictionary<string, string>());
            SpecErrorPrinter.Print(human, ex.Errors, new Redactor(scope.SecretValues()));
            human.MarkupLine($"[red]{ex.Errors.Count} error{(ex.Errors.Count == 1 ? "" : "s")} in the spec; nothing was run.[/]");
            return null;
        }
    }
}
