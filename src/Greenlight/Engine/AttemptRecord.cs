namespace Greenlight.Engine;

/// <summary>One try of a retried check, kept so a flaky pass is visible.</summary>
internal sealed record AttemptRecord(int Number, CheckOutcome Outcome, string? Message, long DurationMs, DateTimeOffset StartedAt);
