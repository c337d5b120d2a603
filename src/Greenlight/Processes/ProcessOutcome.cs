namespace Greenlight.Processes;

/// <summary>How a process ended and what it printed (cut at the request's limit; totals kept).</summary>
internal sealed record ProcessOutcome(int ExitCode, string Stdout, long StdoutBytes, string Stderr, long StderrBytes, TimeSpan Duration)
{
    /// <summary>Where its processes were tracked ("cgroup /sys/fs/cgroup/…", or the session).</summary>
    public string Scope { get; init; } = "";

    /// <summary>Processes still alive after the kill limit (should always be empty).</summary>
    public IReadOnlyList<int> Left { get; init; } = [];
}
