using System.Text.RegularExpressions;
using Greenlight.SecretScanning;

namespace Greenlight.Checks.Secrets;

/// <summary>A secrets scan as the spec wrote it: where, which rules, what is allowed, and the baseline.</summary>
internal sealed record SecretsSettings
{
    public required string Root { get; init; }
    public IReadOnlyList<string> Files { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public bool? GitTracked { get; init; }
    public bool History { get; init; }
    public required IReadOnlyList<SecretRule> Rules { get; init; }
    public IReadOnlyList<string> AllowPaths { get; init; } = [];
    public IReadOnlyList<Regex> AllowRegexes { get; init; } = [];
    public IReadOnlyList<string> AllowFingerprints { get; init; } = [];
    public string? Baseline { get; init; }
    public long MaxFileSize { get; init; } = 5 * 1024 * 1024;
}
