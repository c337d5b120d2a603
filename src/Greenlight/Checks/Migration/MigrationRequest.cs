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

    /// <summary>Every file must be re-runnable whatever its layout (`idempotent: true` written in the spec), not only the files no tool records.</summary>
    public bool RerunnableDeclared { get; init; }
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public IReadOnlyCollection<string> Allow { get; init; } = [];

    /// <summary>The Alembic command (default: the project's .venv/bin/alembic, else alembic on PATH).</summary>
    public string? Alembic { get; init; }

    /// <summary>
    /// Variables for the processes the plan starts (Alembic), over the inherited environment. With a
    /// target, <see cref="TargetVariable"/> holds its URL unless set here.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The variable that carries the target's URL to Alembic's env.py, as the app's own deploy sets it.</summary>
    public const string TargetVariable = "DATABASE_URL";

    /// <summary>The environment Alembic gets: <see cref="Environment"/>, plus the target's URL in DATABASE_URL unless given.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        if (Target?.Url is { } url && !variables.ContainsKey(TargetVariable))
        {
            // SQLAlchemy 1.4+ refuses the postgres:// spelling that hosts hand out; both name the same server.
            variables[TargetVariable] = url.StartsWith("postgres://", StringComparison.Ordinal) ? "postgresql://" + url["postgres://".Length..] : url;
        }

        return variables;
    }
}
