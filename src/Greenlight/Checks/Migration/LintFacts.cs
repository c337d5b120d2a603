namespace Greenlight.Checks.Migration;

/// <summary>
/// What a dry-run learned that the lint uses instead of guessing from text: the tables (and other
/// objects) that existed before, their sizes, and per statement the tables it locked ACCESS
/// EXCLUSIVE and the tables it rewrote.
/// </summary>
internal sealed class LintFacts
{
    public Dictionary<string, TableFacts> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>Tables, views, functions and types that existed before the migration.</summary>
    public HashSet<string> Objects { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string File, int Statement), HashSet<string>> AccessExclusive { get; } = [];

    public Dictionary<(string File, int Statement), HashSet<string>> Rewritten { get; } = [];

    /// <summary>
    /// Per ALTER TABLE … SET NOT NULL, read just before it ran: the columns of its table a valid
    /// CHECK constraint already proves NOT NULL (PostgreSQL 12+ then skips the full-table scan).
    /// </summary>
    public Dictionary<(string File, int Statement), HashSet<string>> NotNullImplied { get; } = [];
}
