using System.Text.RegularExpressions;

namespace Greenlight.Checks.Rule;

/// <summary>A code convention as the spec wrote it: which files, what must (not) match, per file or across the set.</summary>
internal sealed record RuleSettings
{
    public required string Root { get; init; }
    public IReadOnlyList<string> Files { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public bool? GitTracked { get; init; }
    public Regex? MustMatch { get; init; }
    public Regex? MustNotMatch { get; init; }

    /// <summary>Set: must_match is judged across the set (at least this many matches in all files), not in each file.</summary>
    public int? AtLeast { get; init; }

    public string? Message { get; init; }
    public long MaxFileSize { get; init; } = 5 * 1024 * 1024;
}
