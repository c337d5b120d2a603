using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Spec;

namespace Greenlight.Engine;

/// <summary>The end of one check: outcome, why, the assertions with actual values, and the evidence.</summary>
internal sealed record CheckResult
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public required CheckKindName Kind { get; init; }
    public required Phase Phase { get; init; }
    public required Severity Severity { get; init; }
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

    /// <summary>The check's line and column in the spec (0 when unknown: a run stored before they were kept), for CI annotations.</summary>
    public int SpecLine { get; init; }
    public int SpecColumn { get; init; }
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

    /// <summary>For a check skipped because a need did not pass: the ids of those needs.</summary>
    public IReadOnlyList<string> BlockedBy { get; init; } = [];

    /// <summary>Passed with a warning: shown as a warning row, since it is what makes GO WITH WARNINGS.</summary>
    public bool Warned => Outcome == CheckOutcome.Pass && Warnings.Count > 0;

    /// <summary>Passed, but only after at least one failed attempt.</summary>
    public bool Flaky => Outcome == CheckOutcome.Pass && Attempts > 1;

    /// <summary>
    /// A result for <paramref name="check"/> with everything that comes from the spec (id, title, kind,
    /// phase, severity, area, source, spec line), so no way of ending a check can leave one out.
    /// </summary>
    public static CheckResult For(CheckDefinition check, CheckOutcome outcome) => new()
    {
        Id = check.Id,
        Title = check.Title,
        Kind = check.Kind.Name,
        Phase = check.Phase,
        Severity = check.Severity,
        Area = check.Area,
        Source = check.Source,
        SpecLine = check.Location.Line,
        SpecColumn = check.Location.Column,
        Outcome = outcome,
    };
}
