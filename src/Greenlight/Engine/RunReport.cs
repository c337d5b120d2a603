namespace Greenlight.Engine;

/// <summary>One run, as every report format and the console show it. Already redacted.</summary>
internal sealed record RunReport
{
    public const string SchemaName = "greenlight.report/v1";

    public required string RunId { get; init; }
    public required string Spec { get; init; }
    public required string SpecPath { get; init; }
    public required string SpecHash { get; init; }
    public required string Phase { get; init; }

    /// <summary>The spec's environment this run applied (<c>--env</c>), or null.</summary>
    public string? Environment { get; init; }
    public required Verdict Verdict { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    public bool Interrupted { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public long DurationMs => (long)(FinishedAt - StartedAt).TotalMilliseconds;
    public required IReadOnlyList<CheckResult> Results { get; init; }
    public RunProvenance Provenance { get; init; } = RunProvenance.Unknown;
    public OutcomeCounts Counts => OutcomeCounts.Of(Results);
}
