using Greenlight.Spec;

namespace Greenlight.Waivers;

/// <summary>One entry of waivers.yaml: a check whose failure a team has decided to accept until a date.</summary>
internal sealed record Waiver(string CheckId, string Justification, DateOnly Expires, bool Run, SourceLocation Location)
{
    /// <summary>A waiver holds through the whole of its expiry day (UTC) and ends after it.</summary>
    public bool IsExpired(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) > Expires;
}
