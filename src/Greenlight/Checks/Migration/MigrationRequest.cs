using Greenlight.Databases;

namespace Greenlight.Checks.Migration;

/// <summary>What to plan: the migrations, the database (none: lint only), and how to dry-run.</summary>
internal sealed record MigrationRequest
{
    public required string Path { get; init; }
    public MigrationLayout Layout { get; init; } = MigrationLayout.Auto;
    public DatabaseTarget? Target { get; init; }
    public string Schema { get; init; } = "public";
    public bool DryRun { get; init; } = true;

    /// <summary>Run the pending SQL a second time in the same transaction; also makes create-without-if-not-exists apply.</summary>
    public bool Idempotent { get; init; } = true;
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public IReadOnlyCollection<string> Allow { get; init; } = [];

    /// <summary>The Alembic command (default: the project's .venv/bin/alembic, else alembic on PATH).</summary>
    public string? Alembic { get; init; }
}
