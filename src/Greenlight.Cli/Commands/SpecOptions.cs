using System.CommandLine;
using Greenlight.Spec;

namespace Greenlight.Cli.Commands;

/// <summary>The options every command that reads a spec shares: -f, --var, --env-file.</summary>
internal sealed class SpecOptions
{
    public Option<string> File { get; } = new("--file", "-f")
    {
        Description = "The spec to read.",
        DefaultValueFactory = _ => "greenlight.yaml",
        HelpName = "FILE",
    };

    public Option<string[]> Vars { get; } = new("--var")
    {
        Description = "Set a variable, overriding the spec's vars, the environment and .env (repeatable).",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> EnvFile { get; } = new("--env-file")
    {
        Description = "Read variables from this file instead of the .env beside the spec.",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Vars);
        command.Options.Add(EnvFile);
    }

    /// <summary>Builds load options, or returns an error message for a malformed --var.</summary>
    public (SpecLoadOptions? Options, string? Error) Read(ParseResult parse)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(Vars) ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return (null, "--var: expected NAME=VALUE (an argument has no `=`; its text is not shown in case it is a secret)");
            }

            vars[pair[..eq]] = pair[(eq + 1)..];
        }

        return (new SpecLoadOptions { CliVariables = vars, EnvFile = parse.GetValue(EnvFile) }, null);
    }
}
