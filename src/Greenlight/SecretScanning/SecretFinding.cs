namespace Greenlight.SecretScanning;

/// <summary>A leaked credential: where, which rule, and the value masked to its first 4 characters. The secret itself is never kept.</summary>
internal sealed record SecretFinding(string RuleId, string Description, string File, int Line, int Column, string Masked, string Fingerprint, bool WarnOnly, string? Commit = null)
{
    public string Describe() =>
        $"{File}:{Line}:{Column}: {RuleId} {Masked} (fingerprint {Fingerprint}){(Commit is null ? "" : $" in commit {Commit[..Math.Min(12, Commit.Length)]}")}";
}
