using Greenlight.Engine;
using Greenlight.Watch;

namespace Greenlight.Reports.Html;

/// <summary>
/// What the HTML report (and the dashboard's run page) shows: the run, its comparison with the
/// previous run of the same spec when the store has one, and a watch window's measurements.
/// Built by <see cref="ReleaseReviewBuilder"/>; everything in it is already redacted.
/// </summary>
internal sealed record ReleaseReview
{
    public required RunReport Report { get; init; }

    /// <summary>Null when there is nothing to compare with; <see cref="NoComparison"/> says why.</summary>
    public ReleaseComparison? Comparison { get; init; }

    public string? NoComparison { get; init; }

    /// <summary>
    /// Where the page is served from, when it is (the dashboard's run page): links to the home page and
    /// the spec's page. A file written by <c>check</c> or <c>report</c> has none: no dashboard address is known there.
    /// </summary>
    public ReviewLinks? Links { get; init; }

    /// <summary>For a watch run: each check's measurements in tick order (empty otherwise).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Measurement>> Measurements { get; init; } = new Dictionary<string, IReadOnlyList<Measurement>>();

    /// <summary>A review of the report alone, saying why it has no comparison.</summary>
    public static ReleaseReview Alone(RunReport report, string why) => new() { Report = report, NoComparison = why };
}
