namespace Greenlight.Engine;

internal enum Verdict
{
    Go,
    GoWithWarnings,
    NoGo,

    /// <summary>A watch window ended inconclusive: a person decides.</summary>
    Hold,
}
