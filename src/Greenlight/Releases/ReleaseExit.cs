namespace Greenlight.Releases;

/// <summary>What a host should exit with; the CLI maps it to 0, 1, 2 and 130.</summary>
internal enum ReleaseExit
{
    Go,
    NoGo,
    BadInput,
    Interrupted,
}
