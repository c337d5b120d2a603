namespace Greenlight.Cli;

/// <summary>The exit codes CI scripts rely on; docs/exit-codes.md lists them in one table.</summary>
internal static class ExitCodes
{
    public const int Go = 0;
    public const int NoGo = 1;
    public const int BadInput = 2;

    /// <summary>A watch window ended inconclusive: a person decides.</summary>
    public const int Hold = 3;

    /// <summary>A rollback step failed: the way back did not complete.</summary>
    public const int RollbackFailed = 4;

    public const int Interrupted = 130;
}
