namespace Greenlight.Checks.Migration;

/// <summary>What the tool's history table says is applied, the revision the database is at, and where that came from.</summary>
internal sealed record AppliedState(IReadOnlySet<string> Applied, string? Current, string Source);
