using Greenlight.Assertions;
using Greenlight.Checks;

namespace Greenlight.Spec;

/// <summary>A check as loaded: the common fields every kind shares and the kind's own probe.</summary>
internal sealed record CheckDefinition
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public required ICheckKind Kind { get; init; }
    public required ICheck Probe { get; init; }
    public Phase Phase { get; init; } = Phase.Pre;
    public Severity Severity { get; init; } = Severity.High;
    public string? Area { get; init; }
    public IReadOnlyList<string> Needs { get; init; } = [];
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public RetrySettings Retry { get; init; } = RetrySettings.None;
    public IReadOnlyList<Assertion> Expect { get; init; } = [];
    public IReadOnlyList<CaptureDefinition> Captures { get; init; } = [];
    public string? Fix { get; init; }

    /// <summary>Where the check came from in a team's own document (<c>CHECKLIST.md:42</c>), set by <c>greenlight import</c>.</summary>
    public string? Source { get; init; }
    public required SourceLocation Location { get; init; }

    /// <summary>Where each entry of <see cref="Needs"/> is written, for graph errors.</summary>
    public IReadOnlyList<SourceLocation> NeedLocations { get; init; } = [];

    public SourceLocation NeedLocation(int index) => index < NeedLocations.Count ? NeedLocations[index] : Location;

    public string DisplayTitle => Title ?? Id;
}
