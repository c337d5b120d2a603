using System.CommandLine;
using Greenlight.Mcp;

namespace Greenlight.Cli.Commands;

/// <summary>
/// <c>greenlight mcp</c>: serves the spec to a coding agent over the Model Context Protocol on
/// stdin/stdout. Standard output is the protocol, so everything else the process would print goes to stderr.
/// </summary>
internal static class McpCommand
{
    public static Command Create(TextWriter stderr)
    {
        var spec = new Option<string>("--spec", "-f") { Description = "The spec the tools use when a call names none.", DefaultValueFactory = _ => "greenlight.yaml", HelpName = "FILE" };
        var vars = new Option<string[]>("--var") { Description = "Set a variable for every call (a call's vars override it; repeatable).", HelpName = "NAME=VALUE", Arity = ArgumentArity.ZeroOrMore };
        var envFile = new Option<string?>("--env-file") { Description = "Read variables from this file instead of the .env beside the spec.", HelpName = "FILE" };
        var store = StoreOption.Create();
        var allowSignoff = new Option<bool>("--allow-signoff") { Description = "Offer the signoff tool (off by default: an agent must not sign for a person)." };
        var allowRollback = new Option<bool>("--allow-rollback") { Description = "Offer the rollback tool (off by default: it changes the world)." };
        var command = new Command("mcp", "Serve the spec to coding agents over the Model Context Protocol (stdio): validate, list and run checks, read runs and evidence, explain failures; read-only unless --allow-signoff / --allow-rollback. See docs/mcp.md.");
        foreach (var option in new Option[] { spec, vars, envFile, store, allowSignoff, allowRollback })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(vars) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    await stderr.WriteLineAsync("error: --var: expected NAME=VALUE (an argument has no `=`; its text is not shown in case it is a secret)");
                    return ExitCodes.BadInput;
                }

                variables[pair[..eq]] = pair[(eq + 1)..];
            }

            var settings = new McpSettings
            {
                SpecPath = parse.GetValue(spec)!,
                Store = parse.GetValue(store),
                Vars = variables,
                EnvFile = parse.GetValue(envFile),
                AllowSignoff = parse.GetValue(allowSignoff),
                AllowRollback = parse.GetValue(allowRollback),
            };

            // The protocol owns the real stdout; anything else that writes to Console.Out lands on stderr.
            var protocolOut = Console.OpenStandardOutput();
            var previous = Console.Out;
            Console.SetOut(stderr);
            try
            {
                await stderr.WriteLineAsync($"greenlight mcp {GreenlightMcpServer.Version}: serving {settings.SpecPath} on stdio{(settings.AllowSignoff ? ", signoff allowed" : "")}{(settings.AllowRollback ? ", rollback allowed" : "")}");
                await GreenlightMcpServer.RunAsync(settings, Console.OpenStandardInput(), protocolOut, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: the client is gone or asked us to stop.
            }
            finally
            {
                Console.SetOut(previous);
            }

            return ExitCodes.Go;
        });
        return command;
    }
}
