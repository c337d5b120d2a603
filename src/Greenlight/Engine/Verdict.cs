namespace Greenlight.Engine;

internal enum Verdict
{
    Go,
    GoWithWarnings,
    NoGo,
}
