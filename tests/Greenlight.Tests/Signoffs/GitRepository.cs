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
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start: install git (apt-get install git)");
        var stdout = await git.StandardOutput.ReadToEndAsync();
        var stderr = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        }

        return stdout;
    }

    public void Dispose() => _dir.Dispose();
}
