using System.Diagnostics;
using Greenlight.Cli;

namespace Greenlight.Tests.Fixtures;

/// <summary>Runs the greenlight command in-process (fast) or as a real process (exit codes, signals).</summary>
public static class CliHarness
{
    public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await GreenlightCli.RunAsync(args, stdout, stderr, CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// The built greenlight executable in the CLI's own output folder. Not the copy next to the test
    /// assembly: that folder is the test project's, and misses packages the CLI has in its own (Npgsql's
    /// logging abstractions, the MCP SDK's dependency injection), so a real process would fail to load them.
    /// </summary>
    public static string Executable
    {
        get
        {
            var path = System.IO.Path.Combine(RepositoryPaths.Root, "src", "Greenlight.Cli", "bin", Configuration, "net10.0", "greenlight");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"the greenlight executable was not built ({path}); build the solution first (dotnet build Greenlight.slnx -c {Configuration})");
            }

            return path;
        }
    }

    /// <summary>The configuration the tests were built in (Release or Debug), read from their own folder.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Parent!.Name;

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Start(workingDirectory, environment, ignoreHangup: false, args);

    /// <summary>
    /// Starts greenlight; with <paramref name="ignoreHangup"/> through nohup(1), as a long watch is often
    /// started, so that it and everything it starts inherit SIGHUP ignored.
    /// </summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, bool ignoreHangup, params string[] args)
    {
        // Through env(1), which execs (same pid), with Ctrl-C's signals back at their defaults: a suite
        // started in the background by a non-interactive shell inherits SIGINT and SIGQUIT ignored, and
        // .NET keeps a signal ignored that was ignored when it started, so a test's SIGINT never arrived.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("--default-signal=INT,QUIT");
        if (ignoreHangup)
        {
            start.ArgumentList.Add("nohup");
        }

        start.ArgumentList.Add(Executable);

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    public static async Task<CliRun> RunProcessAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
