namespace Greenlight.Assertions;

/// <summary>The outcome of one assertion, with the actual value beside the expected one.</summary>
internal sealed record AssertionResult(string Expression, bool Passed, string? Actual, string? Expected, string? Note = null)
{
    /// <summary>The actual value as data (set by the assertion evaluator; a kind's own findings have text only).</summary>
    public ReportedValue? ActualValue { get; init; }

    public ReportedValue? ExpectedValue { get; init; }

    /// <summary>The assertion could not be decided (a regular expression ran out of time): the check is an error, not a failure.</summary>
    public bool CouldNotEvaluate { get; init; }

    /// <summary>"status == 200: actual 503" for a failure.</summary>
    public string Describe() =>
        Passed ? Expression
        : Note is not null ? $"{Expression}: {Note}"
        : $"{Expression}: actual {Actual ?? "<missing>"}";
}
