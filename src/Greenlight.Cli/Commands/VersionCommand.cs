using System.CommandLine;
using System.Reflection;
using Greenlight.About;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight version</c>: the version, commit and build date of this binary (<c>--version</c> prints the version alone).</summary>
internal static class VersionCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("version", "Print the version, the git commit and date it was built from, how it was published and the runtime.");
        command.SetAction((_, cancellationToken) => WriteAsync(stdout, cancellationToken));
        return command;
    }

    /// <summary>The lines of <c>greenlight version</c>; also called before the command tree is built (see <see cref="GreenlightCli.RunAsync"/>).</summary>
    public static async Task<int> WriteAsync(TextWriter stdout, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in BuildInfo.Current.Describe())
        {
            await stdout.WriteLineAsync($"{name + ":",-9}{value}".AsMemory(), cancellationToken);
        }

        return ExitCodes.Go;
    }

    /// <summary>What <c>--version</c> prints: the informational version of the program, as System.CommandLine prints it.</summary>
    public static string ShortVersion =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
