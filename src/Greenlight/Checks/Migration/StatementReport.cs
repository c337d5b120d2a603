using Greenlight.Databases.SqlText;

namespace Greenlight.Checks.Migration;

/// <summary>What the dry-run did with one statement: ran it (how long, what it locked), could not run it in a transaction, or skipped it.</summary>
internal sealed record StatementReport(MigrationFile File, SqlStatement Statement, int Number)
{
    public bool Ran { get; set; }

    /// <summary>Why it was not executed: not dry-runnable (CREATE INDEX CONCURRENTLY…) or transaction control.</summary>
    public string? NotRun { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>"ACCESS EXCLUSIVE on conversations (60 rows, 48 kB), rewrites it".</summary>
    public List<string> Locks { get; } = [];

    public string? Error { get; set; }

    public string Where => $"{File.Display}:{Statement.Line}";
}
