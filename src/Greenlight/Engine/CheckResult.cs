using Greenlight.Assertions;
using Greenlight.Checks;

namespace Greenlight.Engine;

/// <summary>The end of one check: outcome, why, the assertions with actual values, and the evidence.</summary>
internal sealed record CheckResult
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public required string Kind { get; init; }
    public required string Phase { get; init; }
    public required string Severity { get; init; }
    public string? Area { get; init; }
    public required CheckOutcome Outcome { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public long DurationMs { get; init; }
    public int Attempts { get; init; }
    public IReadOnlyList<AttemptRecord> AttemptLog { get; init; } = [];
    public string? Message { get; init; }
    public string? Fix { get; init; }

    /// <summary>The line of the team's own document the check was imported from (<c>CHECKLIST.md:42</c>).</summary>
    public string? Source { get; init; }
    public IReadOnlyList<AssertionResult> Assertions { get; init; } = [];
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyDictionary<string, string> Captures { get; init; } = new Dictionary<string, string>();

    /// <summary>Skipped because a need did not pass (as opposed to an interrupted run).</summary>
    public bool SkippedForNeed { get; init; }

    /// <summary>The waiver that covered this check, if waivers.yaml names it (active or expired).</summary>
    public Waivers.AppliedWaiver? Waiver { get; init; }

    /// <summary>A failure (or a not-run check) an unexpired waiver covers: listed, counted apart, never blocking.</summary>
    public bool IsWaived => Waiver is { Expired: false } waiver
        && (Outcome is CheckOutcome.Fail or CheckOutcome.Error or CheckOutcome.Pending || (Outcome == CheckOutcome.Skipped && (SkippedForNeed || !waiver.Run)));

    /// <summary>Passed, but only after at least one failed attempt.</summary>
    public bool Flaky => Outcome == CheckOutcome.Pass && Attempts > 1;
}
