using System.Diagnostics;
using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Store;

namespace Greenlight.Tests.Fixtures;

/// <summary>
/// Runs an example's spec for its test: in-process through the engine, or, when GREENLIGHT_EXE names
/// a greenlight binary (test.sh's Native AOT step), as that binary recording into a SQLite store
/// that is then read back, so the same assertions judge the published build.
/// </summary>
public static class ExampleRunner
{
    /// <summary>The greenlight binary the example tests run against, or null to run in-process.</summary>
    public static string? Binary
    {
        get
        {
            if (Environment.GetEnvironmentVariable("GREENLIGHT_EXE") is not { Length: > 0 } path)
            {
                return null;
            }

            return File.Exists(path) ? Path.GetFullPath(path)
                : throw new InvalidOperationException($"GREENLIGHT_EXE names {path}, which does not exist; publish it first (build/publish.sh) or unset GREENLIGHT_EXE");
        }
    }

    internal static async Task<RunReport> RunAsync(string specPath, Dictionary<string, string> environment, string[]? only = null)
    {
        if (Binary is not { } binary)
        {
            var spec = SpecLoader.LoadFile(specPath, new SpecLoadOptions { Environment = environment });
            return await new RunEngine(spec, new RunOptions { Only = only ?? [] }).RunAsync(CancellationToken.None);
        }

        using var store = new TempDirectory();
        var database = Path.Combine(store.Path, "runs.db");
        var args = new List<string> { "check", "-f", specPath, "--store", database, "--no-color" };
        foreach (var id in only ?? [])
        {
            args.AddRange(["--only", id]);
        }

        var run = await RunBinaryAsync(binary, Path.GetDirectoryName(specPath)!, environment, args);
        if (run.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"{binary} {string.Join(' ', args)} exited {run.ExitCode}:\n{run.All}");
        }

        var runs = await SqlRunStore.OpenForReadingAsync(new SqliteDialect(database), CancellationToken.None);
        var last = (await runs.ListRunsAsync(1, CancellationToken.None)).Single();
        return (await runs.LoadAsync(last.Id, CancellationToken.None)).Report;
    }

    /// <summary>The binary with exactly the given environment, as the in-process run sees exactly its variables.</summary>
    private static async Task<CliHarness.CliRun> RunBinaryAsync(string binary, string directory, Dictionary<string, string> environment, List<string> args)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        args.ForEach(start.ArgumentList.Add);
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cts.Token);
        return new CliHarness.CliRun(process.ExitCode, await stdout, await stderr);
    }
}
