using Greenlight.Databases.SqlText;

namespace Greenlight.Checks.Migration;

/// <summary>The analysis of a migration set: layout, what is applied and pending, the dry-run and the lint findings.</summary>
internal sealed class MigrationPlan
{
    public required MigrationSource Source { get; init; }
    public AppliedState? History { get; init; }
    public string? Head { get; init; }
    public string? Current { get; init; }
    public required IReadOnlyList<(MigrationFile File, SqlScript Script)> Pending { get; init; }
    public DryRunReport? DryRun { get; init; }
    public required IReadOnlyList<LintFinding> Findings { get; init; }

    /// <summary>Why the role is more powerful than needed, or null.</summary>
    public string? RoleWarning { get; init; }

    /// <summary>The variables given to Alembic (names only: values may be secrets).</summary>
    public IReadOnlyList<string> ProcessVariables { get; init; } = [];
}
