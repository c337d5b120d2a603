namespace Greenlight.Assertions;

/// <summary>The outcome of one assertion, with the actual value beside the expected one.</summary>
internal sealed record AssertionResult(string Expression, bool Passed, string? Actual, string? Expected, string? Note = null)
{
    /// <summary>The actual value as data (set by the assertion evaluator; a kind's own findings have text only).</summary>
    public ReportedValue? ActualValue { get; init; }

    public ReportedValue? ExpectedValue { get; init; }

    /// <summary>The assertion could not be decided (a regular expression ran out of time): the check is an error, not a failure.</summary>
    public bool CouldNotEvaluate { get; init; }

    /// <summary>The assertion names a baseline and there is none to compare with: inconclusive, never a silent pass.</summary>
    public bool NoBaseline { get; init; }

    /// <summary>What the baseline was and which run it came from ("baseline(value) = 0.97 from run 0193ab12cd34 (GO, …)").</summary>
    public string? Baseline { get; init; }

    /// <summary>Values of the subjects a baseline names, as measured now: what a later run compares with.</summary>
    public IReadOnlyDictionary<string, ReportedValue>? SubjectValues { get; init; }

    /// <summary>"status == 200: actual 503" for a failure.</summary>
    public string Describe() =>
        Passed ? Expression
        : Note is not null ? $"{Expression}: {Note}"
        : Baseline is not null ? $"{Expression}: actual {Actual ?? "<missing>"}, expected {Expected} ({Baseline})"
        : $"{Expression}: actual {Actual ?? "<missing>"}";
}
