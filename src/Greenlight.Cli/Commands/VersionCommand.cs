using System.CommandLine;
using Greenlight.About;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight version</c>: the version, commit and build date of this binary (<c>--version</c> prints the version alone).</summary>
internal static class VersionCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("version", "Print the version, the git commit and date it was built from, how it was published and the runtime.");
        command.SetAction(async (_, _) =>
        {
            foreach (var (name, value) in BuildInfo.Current.Describe())
            {
                await stdout.WriteLineAsync($"{name + ":",-9}{value}");
            }

            return ExitCodes.Go;
        });
        return command;
    }
}
