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

    /// <summary>
    /// Why the check cannot run, known at load (its target's variable is not set): it ends as
    /// <c>error</c> with this reason without running, and blocks nothing else.
    /// </summary>
    public string? Unavailable { get; init; }

    /// <summary>Where the check came from in a team's own document (<c>CHECKLIST.md:42</c>), set by <c>greenlight import</c>.</summary>
    public string? Source { get; init; }
    public required SourceLocation Location { get; init; }

    /// <summary>Where each entry of <see cref="Needs"/> is written, for graph errors.</summary>
    public IReadOnlyList<SourceLocation> NeedLocations { get; init; } = [];

    public SourceLocation NeedLocation(int index) => index < NeedLocations.Count ? NeedLocations[index] : Location;

    public string DisplayTitle => Title ?? Id;

    /// <summary>
    /// What to print for a failure: the fix of each failed assertion that has one, and the check's
    /// <c>fix</c> for the rest (or when nothing failed by assertion: an error).
    /// </summary>
    public string? FixFor(IReadOnlyList<AssertionResult> results)
    {
        var fixes = new List<string>();
        foreach (var failed in results.Where(r => !r.Passed))
        {
            var own = Expect.FirstOrDefault(a => a.Text == failed.Expression)?.Fix ?? Fix;
            if (own is not null && !fixes.Contains(own))
            {
                fixes.Add(own);
            }
        }

        return fixes.Count == 0 ? Fix : string.Join(Environment.NewLine, fixes);
    }
}
