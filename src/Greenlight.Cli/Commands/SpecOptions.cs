using System.CommandLine;
using Greenlight.Spec;

namespace Greenlight.Cli.Commands;

/// <summary>The options every command that reads a spec shares: -f, --var, --env-file, --env.</summary>
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

    public Option<string?> Env { get; } = new("--env")
    {
        Description = "Apply this environment of the spec's `environments:` (its vars and targets over the spec's own).",
        HelpName = "NAME",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Vars);
        command.Options.Add(EnvFile);
        command.Options.Add(Env);
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

        var env = parse.GetValue(Env);
        if (env is not null && !SpecNames.CheckId().IsMatch(env))
        {
            return (null, $"--env: `{env}` is not an environment name (letters, digits, `_`, `-` and `.`, starting with a letter)");
        }

        return (new SpecLoadOptions { CliVariables = vars, EnvFile = parse.GetValue(EnvFile), EnvironmentName = env }, null);
    }
}
