namespace Greenlight.Assertions;

internal enum LiteralKind
{
    Value,
    Regex,
    List,

    /// <summary>Contains ${…}: its value is known only after interpolation at run time.</summary>
    Template,

    /// <summary>Arithmetic or a baseline: see <see cref="Literal.Expression"/>.</summary>
    Expression,
}
