using Greenlight.Processes;

namespace Greenlight.Engine;

/// <summary>Who ran a release check, where, and on which commit.</summary>
internal sealed record RunProvenance(string User, string Host, string? GitCommit, string? GitBranch)
{
    public static RunProvenance Unknown { get; } = new("", "", null, null);

    /// <summary>Reads user, host and, when the spec is in a git work tree, its commit and branch.</summary>
    public static async Task<RunProvenance> DetectAsync(string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var commit = await GitAsync(directory, ["rev-parse", "HEAD"], time, cancellationToken);
        var branch = commit is null ? null : await GitAsync(directory, ["rev-parse", "--abbrev-ref", "HEAD"], time, cancellationToken);
        return new RunProvenance(Environment.UserName, Environment.MachineName, commit, branch);
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
