using Greenlight.Spec;

namespace Greenlight.Engine;

/// <summary>Which checks to run and how.</summary>
internal sealed record RunOptions
{
    /// <summary>Only checks of this phase (and what they need); null runs every check.</summary>
    public Phase? Phase { get; init; }

    /// <summary>Only these checks (and what they need); empty runs all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    public int Parallelism { get; init; } = 16;
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public IRunObserver? Observer { get; init; }

    /// <summary>Evidence longer than this is cut (the full length is kept), in reports and in the store alike.</summary>
    public int EvidenceLimit { get; init; } = 64 * 1024;

    public RunProvenance Provenance { get; init; } = RunProvenance.Unknown;

    /// <summary>Accepted failures from waivers.yaml; a waived check does not block the verdict until its waiver expires.</summary>
    public Waivers.WaiverSet Waivers { get; init; } = Greenlight.Waivers.WaiverSet.None;

    /// <summary>The sign-offs given so far, for manual checks.</summary>
    public Signoffs.SignoffBook Signoffs { get; init; } = Greenlight.Signoffs.SignoffBook.Empty;

    /// <summary>What <c>baseline(…)</c> in an assertion compares with; none: such assertions are inconclusive (pending).</summary>
    public Baselines.BaselineSet? Baselines { get; init; }

    /// <summary>Set to use a run id chosen before the run (the store records it first).</summary>
    public string? RunId { get; init; }
}
