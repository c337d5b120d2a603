using Greenlight.Engine;

namespace Greenlight.Store;

/// <summary>One check's outcome in one run, for <c>greenlight history --check ID</c>.</summary>
internal sealed record CheckHistoryEntry(string RunId, DateTimeOffset StartedAt, CheckOutcome Outcome, long DurationMs, int Attempts, string? Message);
