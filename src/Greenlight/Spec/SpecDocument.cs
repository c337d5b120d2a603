namespace Greenlight.Spec;

/// <summary>A loaded, validated spec: everything a run needs, nothing left to check.</summary>
internal sealed record SpecDocument
{
    public required string Name { get; init; }
    public required string Path { get; init; }
    public required string Directory { get; init; }

    /// <summary>SHA-256 of the spec's bytes, so a stored run names the exact spec it ran.</summary>
    public required string Hash { get; init; }

    public required VariableScope Variables { get; init; }
    public IReadOnlyDictionary<string, string> Targets { get; init; } = new Dictionary<string, string>();

    /// <summary>Targets whose variable is not set, with the reason; the checks that use them end as error.</summary>
    public IReadOnlyDictionary<string, string> UnavailableTargets { get; init; } = new Dictionary<string, string>();

    /// <summary>Knows every secret the spec knows (environment, .env, vars, secrets:, URL passwords); built once at load.</summary>
    public Greenlight.Secrets.Redactor Redactor { get; init; } = Greenlight.Secrets.Redactor.None;
    public required IReadOnlyList<CheckDefinition> Checks { get; init; }
    public WatchSettings? Watch { get; init; }
    public IReadOnlyList<RollbackStep> Rollback { get; init; } = [];
    public IReadOnlyList<Greenlight.Alerts.AlertChannel> Alerts { get; init; } = [];
    public IReadOnlyList<SpecError> Warnings { get; init; } = [];

    /// <summary>The environment of <c>environments:</c> this load applied (<c>--env</c>), or null for the spec as written.</summary>
    public string? Environment { get; init; }
}
