namespace Greenlight.Import;

/// <summary>
/// A step of the document's rollback plan, written to <c>rollback:</c> for a person to review; one
/// with a placeholder (<c>&lt;commit-hash&gt;</c>) is written commented out until someone fills it in.
/// </summary>
internal sealed record ImportedRollbackStep(int Line, string Run, string Note)
{
    public bool HasPlaceholder => Run.Contains('<', StringComparison.Ordinal) && Run.Contains('>', StringComparison.Ordinal) && !Run.Contains("<<", StringComparison.Ordinal);
}
