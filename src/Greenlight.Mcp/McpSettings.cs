namespace Greenlight.Mcp;

/// <summary>How <c>greenlight mcp</c> was started: the spec it serves, the store, variables, and what an agent may change.</summary>
internal sealed record McpSettings
{
    /// <summary>The spec tools use when the call names none.</summary>
    public required string SpecPath { get; init; }

    /// <summary>The store (SQLite path or postgres:// URL); null: GREENLIGHT_STORE, else beside the spec.</summary>
    public string? Store { get; init; }

    /// <summary><c>--var NAME=VALUE</c> given at start; a call's own <c>vars</c> override them.</summary>
    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>();

    public string? EnvFile { get; init; }

    /// <summary>Expose <c>signoff</c>: off by default, an agent must not sign for a person.</summary>
    public bool AllowSignoff { get; init; }

    /// <summary>Expose <c>rollback</c>: off by default, it changes the world.</summary>
    public bool AllowRollback { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
