namespace Greenlight.Assertions;

/// <summary>One parsed line of <c>expect</c>: <c>subject operator value</c>.</summary>
internal sealed record Assertion(string Text, SubjectRef Subject, AssertionOperator Operator, Literal? Expected)
{
    /// <summary>What to do when this assertion fails (<c>{ that: …, fix: … }</c>); otherwise the check's <c>fix</c>.</summary>
    public string? Fix { get; init; }
}
