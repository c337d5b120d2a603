namespace Greenlight.Assertions;

/// <summary>
/// The right-hand side of a comparison when it does arithmetic or names a baseline:
/// <c>baseline(p95(duration)) + 500ms</c>, <c>baseline() * 0.95</c>. Parsed at load, evaluated per run.
/// </summary>
internal abstract record ValueExpression(int Column)
{
    /// <summary>A value as written (a number, a duration, a size, or ${…} known at run time).</summary>
    public sealed record Constant(Literal Literal) : ValueExpression(Literal.Column);

    /// <summary><c>baseline(SUBJECT)</c>: the subject's value in the baseline run; <c>baseline()</c> is the assertion's own subject.</summary>
    public sealed record Baseline(SubjectRef Subject, int At) : ValueExpression(At);

    /// <summary>One of <c>+ - * /</c> between two operands.</summary>
    public sealed record Binary(char Operator, ValueExpression Left, ValueExpression Right, int At) : ValueExpression(At);

    /// <summary>Every baseline the expression names.</summary>
    public IEnumerable<Baseline> Baselines() => this switch
    {
        Baseline b => [b],
        Binary b => b.Left.Baselines().Concat(b.Right.Baselines()),
        _ => [],
    };

    /// <summary>Every constant, for template validation at load.</summary>
    public IEnumerable<Literal> Constants() => this switch
    {
        Constant c => [c.Literal],
        Binary b => b.Left.Constants().Concat(b.Right.Constants()),
        _ => [],
    };
}
