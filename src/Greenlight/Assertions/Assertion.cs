namespace Greenlight.Assertions;

/// <summary>One parsed line of <c>expect</c>: <c>subject operator value</c>.</summary>
internal sealed record Assertion(string Text, SubjectRef Subject, AssertionOperator Operator, Literal? Expected);
