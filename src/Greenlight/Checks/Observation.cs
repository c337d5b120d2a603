using Greenlight.Assertions;

namespace Greenlight.Checks;

/// <summary>
/// What one attempt of a check saw. The engine evaluates the spec's <c>expect</c> against
/// <see cref="Subjects"/>; <see cref="Findings"/> are the kind's own verdicts (env: "X is set").
/// <see cref="Error"/> set means the check could not run, which is not the same as failing.
/// </summary>
internal sealed class Observation
{
    private static readonly ISubjectSource NoSubjects = new EmptySubjects();

    public ISubjectSource Subjects { get; init; } = NoSubjects;
    public List<AssertionResult> Findings { get; } = [];
    public List<EvidenceItem> Evidence { get; } = [];
    public List<string> Warnings { get; } = [];
    public string? Error { get; init; }

    /// <summary>Set when the check waits for a person (a manual item nobody has signed yet): why, and how to sign.</summary>
    public string? Pending { get; init; }

    /// <summary>
    /// Something that must live while later checks use it (a booted app). The engine keeps it until
    /// the run ends when the check passes, and disposes it at once otherwise.
    /// </summary>
    public IAsyncDisposable? KeepAlive { get; init; }

    public static Observation Failed(string error, params EvidenceItem[] evidence)
    {
        var observation = new Observation { Error = error };
        observation.Evidence.AddRange(evidence);
        return observation;
    }

    private sealed class EmptySubjects : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => AssertionValue.Missing;
    }
}
