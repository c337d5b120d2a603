namespace Greenlight.Import;

/// <summary>
/// A check the import will write: its common fields, its kind's own fields (already YAML-ready
/// values, in order) and the lines of the document it came from.
/// </summary>
internal sealed class ImportedCheck
{
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required int Line { get; init; }
    public required ImportPhase Phase { get; init; }
    public string? Area { get; init; }
    public string? Severity { get; set; }

    /// <summary>The kind's fields in the order they are written: a string, a list of strings, or a nested map.</summary>
    public List<KeyValuePair<string, object>> Fields { get; } = [];

    public List<string> Expect { get; } = [];

    /// <summary>Why the check was proposed, written as a comment above it.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Other lines of the document this check proves (a "- [ ] returns 9 rows" item below the query).</summary>
    public List<int> Covers { get; } = [];

    /// <summary>Identifiers the check is about (tables, variables, index names, numbers), to link claims to it.</summary>
    public HashSet<string> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Fix { get; set; }

    /// <summary>Lines written commented out after the check: a follow-up for a person (a schema snapshot to take first).</summary>
    public List<string> Draft { get; } = [];

    public List<string> Needs { get; } = [];

    public string Id { get; set; } = "";

    public void Set(string field, object value) => Fields.Add(new(field, value));
}
