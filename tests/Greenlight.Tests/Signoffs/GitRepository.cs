using System.Diagnostics;
using Greenlight.Tests.Fixtures;

namespace Greenlight.Tests.Signoffs;

/// <summary>A real git repository in a temp folder, with commits by a chosen author.</summary>
internal sealed class GitRepository : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Path => _dir.Path;

    public string Write(string name, string content) => _dir.Write(name, content);

    public static async Task<GitRepository> CreateAsync()
    {
        var repo = new GitRepository();
        await repo.GitAsync("init", "-q", "-b", "main");
        return repo;
    }

    public async Task<string> CommitAsync(string message, string author = "Ada Author", string email = "ada@example.com")
    {
        await GitAsync("add", "-A");
        await GitAsync("-c", $"user.name={author}", "-c", $"user.email={email}", "commit", "-q", "--allow-empty", "-m", message);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    public async Task<string> GitAsync(params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunAsync(Path, args);
        return exitCode == 0 ? stdout : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
    }

    /// <summary>git's output in any folder, or null when it fails (not a repository, no commit).</summary>
    public static async Task<string?> TryGitAsync(string directory, params string[] args)
    {
        var (exitCode, stdout, _) = await RunAsync(directory, args);
        return exitCode == 0 ? stdout : null;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string directory, string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start: install git (apt-get install git)");
        var stdout = git.StandardOutput.ReadToEndAsync();
        var stderr = git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        return (git.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _dir.Dispose();
}
