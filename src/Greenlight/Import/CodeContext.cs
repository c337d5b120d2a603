namespace Greenlight.Import;

/// <summary>A code block with what surrounds it: its section, its label ("**Check Error Rate**:") and what the document expects of it.</summary>
internal sealed record CodeContext(
    CodeElement Element,
    ImportPhase Phase,
    string? Area,
    string? Label,
    string? Heading,
    IReadOnlyList<string> Expectations,
    string? ExpectedOutput)
{
    /// <summary>A title for a check made from this block: the label, else the heading.</summary>
    public string Title(string? specific = null) => specific ?? Label ?? Heading ?? "Imported check";
}
