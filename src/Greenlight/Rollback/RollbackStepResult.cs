namespace Greenlight.Rollback;

/// <summary>How one rollback step ended: its exit code and output (redacted, bounded), or why it did not run to the end.</summary>
internal sealed record RollbackStepResult(
    int Index, string Name, string Command, bool Succeeded, int? ExitCode, string Stdout, string Stderr, long DurationMs, string? Message, DateTimeOffset StartedAt);
