using Greenlight.Alerts;
using Greenlight.Engine;
using Greenlight.Store;

namespace Greenlight.Rollback;

/// <summary>Where a rollback is recorded, who is told, how it is verified, and hooks for the console.</summary>
internal sealed record RollbackOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public SqlRunStore? Store { get; init; }
    public RunProvenance Provenance { get; init; } = RunProvenance.Unknown;
    public IAlertSink? Alerts { get; init; }

    /// <summary>Why the rollback runs ("watch window ended NO-GO"), for the alert.</summary>
    public string? Reason { get; init; }

    /// <summary>Runs the post checks after a rollback whose steps all succeeded; null: no verification.</summary>
    public Func<CancellationToken, Task<RunReport>>? Verify { get; init; }

    public Action<int, string>? StepStarted { get; init; }
    public Action<RollbackStepResult>? StepFinished { get; init; }
}
