namespace Greenlight.Assertions;

internal enum LiteralKind
{
    Value,
    Regex,
    List,

    /// <summary>Contains ${…}: its value is known only after interpolation at run time.</summary>
    Template,
}
