using Greenlight.Databases.Schema;

namespace Greenlight.Checks.Migration;

/// <summary>The result of a dry-run: per statement, the failure if any, the second run, and the real changes.</summary>
internal sealed class DryRunReport
{
    public List<StatementReport> Statements { get; } = [];

    /// <summary>The first statement that failed, with the server's error and hint (and the later ones that failed too), or null.</summary>
    public string? Failure { get; set; }

    /// <summary>Every statement that failed: each runs in a savepoint, so a failure does not stop the rest.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>A statement that failed when the pending SQL ran a second time, or null.</summary>
    public string? NotIdempotent { get; set; }

    /// <summary>Set when another session held a lock the migration needed: who, within the lock timeout.</summary>
    public string? Blocked { get; set; }

    public List<string> Notes { get; } = [];
    public List<string> Changes { get; } = [];
    public List<string> AddedColumns { get; } = [];
    public List<string> DroppedColumns { get; } = [];
    public List<string> DroppedTables { get; } = [];
    public LintFacts Facts { get; } = new();
    public DatabaseSchema? Before { get; set; }
    public TimeSpan Duration { get; set; }
}
