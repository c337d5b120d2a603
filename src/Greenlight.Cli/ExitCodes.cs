namespace Greenlight.Cli;

/// <summary>The exit codes CI scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Go = 0;
    public const int NoGo = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;
}
