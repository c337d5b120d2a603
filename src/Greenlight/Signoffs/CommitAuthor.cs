using Greenlight.Processes;

namespace Greenlight.Signoffs;

/// <summary>Who wrote the commit under review (git log -1), so <c>not_by: commit_author</c> can refuse their sign-off.</summary>
internal sealed record CommitAuthor(string Name, string Email)
{
    /// <summary>A signer is the author when the name they give is the author's name or e-mail (case aside).</summary>
    public bool Is(string signer) =>
        string.Equals(signer.Trim(), Name, StringComparison.OrdinalIgnoreCase) || string.Equals(signer.Trim(), Email, StringComparison.OrdinalIgnoreCase);

    public static async Task<CommitAuthor?> DetectAsync(string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var outcome = await ProcessRunner.RunAsync(
                new ProcessRequest { FileName = "git", Arguments = ["log", "-1", "--format=%an%n%ae"], WorkingDirectory = directory, MaxOutputBytes = 4096 },
                time, timeout.Token);
            var lines = outcome.Stdout.Split('\n', StringSplitOptions.TrimEntries);
            return outcome.ExitCode == 0 && lines.Length >= 2 && lines[0].Length > 0 ? new CommitAuthor(lines[0], lines[1]) : null;
        }
        catch (Exception ex) when (ex is ProcessStartException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No git, or not a repository: there is no author to exclude.
            return null;
        }
    }
}
