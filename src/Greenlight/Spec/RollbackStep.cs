namespace Greenlight.Spec;

/// <summary>One step of the way back: a shell command, run only by <c>greenlight rollback</c>.</summary>
internal sealed record RollbackStep(string Run, SourceLocation Location);
