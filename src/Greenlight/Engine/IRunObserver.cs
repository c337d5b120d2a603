using Greenlight.Spec;

namespace Greenlight.Engine;

/// <summary>Live progress of a run, for the console. Called from several threads at once.</summary>
internal interface IRunObserver
{
    void RunStarted(string runId, DateTimeOffset startedAt, IReadOnlyList<CheckDefinition> checks);

    void CheckStarted(CheckDefinition check);

    void CheckFinished(CheckResult result);
}
