namespace Greenlight.Assertions;

/// <summary>What a check observed, by subject. Implemented once per kind.</summary>
internal interface ISubjectSource
{
    /// <summary>The value of a subject (without its function); <see cref="AssertionValue.Missing"/> if absent.</summary>
    AssertionValue Resolve(SubjectRef subject);

    /// <summary>Every sample of a sampled subject (duration over <c>samples: N</c>).</summary>
    IReadOnlyList<AssertionValue> Samples(SubjectRef subject) => [Resolve(subject)];
}
