using Greenlight.Processes;

namespace Greenlight.Engine;

/// <summary>Who ran a release check, where, and on which commit.</summary>
internal sealed record RunProvenance(string User, string Host, string? GitCommit, string? GitBranch)
{
    public static RunProvenance Unknown { get; } = new("", "", null, null);

    /// <summary>Reads user, host and, when the spec is in a git work tree, its commit and branch.</summary>
    public static async Task<RunProvenance> DetectAsync(string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var head = GitHeadFiles.TryRead(directory) ?? await AskGitAsync(directory, time, cancellationToken);
        return new RunProvenance(Environment.UserName, Environment.MachineName, head.Commit, head.Branch);
    }

    /// <summary>One git call prints both: the commit, then (after <c>--abbrev-ref</c>) the branch.</summary>
    private static async Task<GitHead> AskGitAsync(string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var lines = (await GitAsync(directory, ["rev-parse", "HEAD", "--abbrev-ref", "HEAD"], time, cancellationToken))?.Split('\n', StringSplitOptions.TrimEntries);
        return lines is [var commit, var branch, ..] && commit.Length > 0 ? new GitHead(commit, branch.Length > 0 ? branch : null) : GitHead.NoCommit;
    }

    private static async Task<string?> GitAsync(string directory, string[] arguments, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            var outcome = await ProcessRunner.RunAsync(new ProcessRequest { FileName = "git", Arguments = arguments, WorkingDirectory = directory, MaxOutputBytes = 4096 }, time, timeout.Token);
            var text = outcome.Stdout.Trim();
            return outcome.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (Exception ex) when (ex is ProcessStartException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No git, or not a repository: provenance without a commit.
            return null;
        }
    }
}
