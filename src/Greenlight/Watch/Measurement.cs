using Greenlight.Assertions;
using Greenlight.Checks;

namespace Greenlight.Watch;

/// <summary>One measurement of one check at one tick of the window. Already redacted.</summary>
internal sealed record Measurement
{
    public required string CheckId { get; init; }

    /// <summary>The tick of the window (0, 1, …): with the check id, what makes a measurement unique.</summary>
    public required int Tick { get; init; }

    public required DateTimeOffset PlannedAt { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public long DurationMs { get; init; }
    public required MeasurementOutcome Outcome { get; init; }

    /// <summary>The first asserted subject's value as shown ("0.97", "12ms"); null when there was none.</summary>
    public string? Value { get; init; }

    /// <summary>The same value as a number, for the trend; null when it is not one.</summary>
    public double? Number { get; init; }

    /// <summary>Why it was not a pass (the failed assertion, the error, "no data: …").</summary>
    public string? Message { get; init; }

    public bool NoData { get; init; }
    public IReadOnlyList<AssertionResult> Assertions { get; init; } = [];
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>How late the measurement started against its plan.</summary>
    public TimeSpan Lag => StartedAt - PlannedAt;
}
