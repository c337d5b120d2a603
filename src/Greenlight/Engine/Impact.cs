namespace Greenlight.Engine;

/// <summary>What a result does to the verdict, decided by <see cref="VerdictRules.ImpactOf(CheckResult)"/> alone.</summary>
internal enum Impact
{
    None,
    Note,
    Warning,
    Blocks,
}
