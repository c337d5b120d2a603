namespace Greenlight.Watch;

/// <summary>How one check ended its window.</summary>
internal sealed record WatchCheckSummary(
    string Id, string? Title, string Kind, string Severity, bool DryRun, MeasurementOutcome Outcome, string Reason,
    int Passes, int Failures, int Errors, int Inconclusives, string? LastValue, string? Fix);
