using Greenlight.Engine;

namespace Greenlight.Alerts;

/// <summary>A change of state worth telling people about. Already redacted.</summary>
internal sealed record AlertEvent
{
    public required AlertEventKind Kind { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? CheckId { get; init; }
    public string? CheckTitle { get; init; }
    public Spec.Severity? Severity { get; init; }

    /// <summary>What the check measured last ("0.91"), and its outcome.</summary>
    public string? Value { get; init; }
    public string? Outcome { get; init; }
    public string? Limits { get; init; }
    public string? Message { get; init; }
    public string? Fix { get; init; }
    public Verdict? Verdict { get; init; }

    /// <summary>One line for people: "reviews.parse-rate is failing: rate > 0.95: actual 0.91".</summary>
    public required string Summary { get; init; }
}
