using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Releases;

/// <summary>What a host asks for when it runs a release check: the spec, what to run, where to record it.</summary>
internal sealed record ReleaseCheckRequest
{
    public required string SpecPath { get; init; }

    public SpecLoadOptions LoadOptions { get; init; } = new();

    /// <summary>Only checks of this phase (and what they need); null runs every check.</summary>
    public Phase? Phase { get; init; }

    public IReadOnlyList<string> Only { get; init; } = [];

    public int Parallelism { get; init; } = 16;

    public int EvidenceLimit { get; init; } = 64 * 1024;

    /// <summary>The store (a SQLite path or postgres:// URL); null: GREENLIGHT_STORE, else beside the spec.</summary>
    public string? Store { get; init; }

    /// <summary>Run without recording.</summary>
    public bool NoStore { get; init; }

    /// <summary>How long to wait for a store another writer holds locked before giving up.</summary>
    public TimeSpan StoreWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>GO WITH WARNINGS exits as NO-GO.</summary>
    public bool Strict { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Live progress of the checks (the store recorder is put in front of it).</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>Warnings and notices for people while the check runs (spec warnings, a store being waited for).</summary>
    public IReleaseCheckListener? Listener { get; init; }

    /// <summary>waivers.yaml to apply; null: the one beside the spec, when it exists.</summary>
    public string? WaiversPath { get; init; }

    /// <summary>The run <c>baseline(…)</c> compares with (an id, a prefix, last~N); null: the last run of the spec that ended GO.</summary>
    public string? Baseline { get; init; }

    /// <summary>Set at a terminal (never in CI): asked to sign pending manual checks before the run.</summary>
    public Signoffs.ISignoffPrompter? Prompter { get; init; }
}
