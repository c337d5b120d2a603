using Greenlight.Engine;

namespace Greenlight.Rollback;

/// <summary>A rollback: the steps that ran (in order), the one that failed, and the verdict of the post checks run after it.</summary>
internal sealed record RollbackReport
{
    public required string RunId { get; init; }
    public required IReadOnlyList<RollbackStepResult> Steps { get; init; }

    /// <summary>Steps after a failed one, which were not run.</summary>
    public IReadOnlyList<string> NotRun { get; init; } = [];

    public RollbackStepResult? FailedStep => Steps.FirstOrDefault(s => !s.Succeeded);

    public bool Succeeded => FailedStep is null && !Interrupted;

    public bool Interrupted { get; init; }

    /// <summary>The post checks re-run to prove the way back worked; null when the rollback failed or verification was off.</summary>
    public RunReport? Verification { get; init; }
}
