namespace Greenlight.Import;

/// <summary>What <c>greenlight import</c> made of a document: the spec's parts and an account of every item.</summary>
internal sealed record ImportResult
{
    public required string Name { get; init; }
    public required string DocumentName { get; init; }
    public required IReadOnlyList<ImportedCheck> Checks { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Vars { get; init; }
    public string? DatabaseTarget { get; init; }
    public required IReadOnlyList<ImportedRollbackStep> Rollback { get; init; }
    public required IReadOnlyList<NotConverted> NotConverted { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Every line that claims something (✅, a ticked or open box …), with its mark and text, for <c>audit</c>.</summary>
    public required IReadOnlyList<ItemElement> Claims { get; init; }

    /// <summary>Headings, paragraphs that state the document's own verdict ("Status: ✅ READY FOR DEPLOYMENT").</summary>
    public required IReadOnlyList<ChecklistElement> Verdicts { get; init; }

    public int Items { get; init; }

    public int Runnable => Checks.Count(c => c.Kind != "manual");
    public int Manual => Checks.Count(c => c.Kind == "manual");

    /// <summary>The check proving a line of the document: made from it, or covering it.</summary>
    public ImportedCheck? CheckFor(int line) => Checks.FirstOrDefault(c => c.Line == line) ?? Checks.FirstOrDefault(c => c.Covers.Contains(line));
}
