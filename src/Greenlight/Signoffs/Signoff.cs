namespace Greenlight.Signoffs;

/// <summary>A person's confirmation of a manual check: who, when, why, and for which commit and spec.</summary>
internal sealed record Signoff(string Spec, string CheckId, string SignedBy, string? Note, DateTimeOffset SignedAt, string? GitCommit, string SpecHash, string Host);
