using Greenlight.Engine;

namespace Greenlight.Dashboard;

/// <summary>One check's outcome in one run: a point of its trend and a line of its history.</summary>
internal sealed record CheckPoint(string RunId, DateTimeOffset StartedAt, CheckOutcome Outcome, long DurationMs, int Attempts, string? Message);
