using Greenlight.Spec;

namespace Greenlight.Engine;

/// <summary>Live progress of a run, for the console. Called from several threads at once.</summary>
internal interface IRunObserver
{
    void RunStarted(string runId, DateTimeOffset startedAt, IReadOnlyList<CheckDefinition> checks);

    void CheckStarted(CheckDefinition check);

    /// <summary>An attempt did not pass and the check will be tried again after <paramref name="nextDelay"/>.</summary>
    void AttemptFailed(CheckDefinition check, AttemptRecord attempt, int maxAttempts, TimeSpan nextDelay)
    {
    }

    void CheckFinished(CheckResult result);
}
