namespace Greenlight.Checks.Migration;

/// <summary>A migration check's fields as loaded.</summary>
internal sealed record MigrationSettings
{
    public required string Path { get; init; }
    public string? Target { get; init; }
    public MigrationLayout Layout { get; init; }
    public string Schema { get; init; } = "public";
    public bool DryRun { get; init; } = true;
    public bool Idempotent { get; init; } = true;

    /// <summary>`idempotent: true` written in the spec: every file must be re-runnable, whatever its layout.</summary>
    public bool IdempotentDeclared { get; init; }
    public TimeSpan LockTimeout { get; init; }
    public TimeSpan StatementTimeout { get; init; }
    public IReadOnlyList<string> Allow { get; init; } = [];
    public string? Alembic { get; init; }

    /// <summary>`env:` for the processes the check starts (Alembic), values still to be expanded.</summary>
    public IReadOnlyList<(string Name, string Value)> Environment { get; init; } = [];
}
