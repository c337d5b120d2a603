using System.Diagnostics;

namespace Greenlight.Tests.Fixtures;

/// <summary>
/// The npm tools of <c>tests/tools/package.json</c> (installed there by test.sh): a missing one is a
/// failure that says how to install it, never a skip.
/// </summary>
public static class NodeTools
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "tools", "node_modules");

    public static string Require(string package)
    {
        var path = Path.Combine(Folder, package);
        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException($"the npm package {package} is not installed in tests/tools: run `npm install --no-package-lock --prefix tests/tools` (test.sh does), with node and npm from apt (nodejs, npm)");
        }

        return path;
    }

    /// <summary>Runs node with a script file, bounded; returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node: install it (apt-get install nodejs)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
