using System.Text.RegularExpressions;

namespace Greenlight.Assertions;

/// <summary>The right-hand side of an assertion as written, with its column for error messages.</summary>
internal sealed record Literal(LiteralKind Kind, string Text, int Column)
{
    public AssertionValue? Value { get; init; }
    public Regex? Regex { get; init; }
    public IReadOnlyList<Literal> Items { get; init; } = [];

    /// <summary>For a template: whether it was quoted (then it is always a string).</summary>
    public bool Quoted { get; init; }

    /// <summary>For <see cref="LiteralKind.Expression"/>: the arithmetic to evaluate.</summary>
    public ValueExpression? Expression { get; init; }
}
