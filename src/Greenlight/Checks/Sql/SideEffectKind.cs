namespace Greenlight.Checks.Sql;

/// <summary>Whether a refused side effect is a statement (its first word) or a function call.</summary>
internal enum SideEffectKind
{
    Statement,
    Function,
}
