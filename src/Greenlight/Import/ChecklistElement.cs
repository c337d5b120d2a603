namespace Greenlight.Import;

/// <summary>One piece of a Markdown checklist, in document order, with its 1-based line.</summary>
internal abstract record ChecklistElement(int Line);

/// <summary>A heading: it sets the phase and area of what follows.</summary>
internal sealed record HeadingElement(int Line, int Level, string Text) : ChecklistElement(Line);

/// <summary>A paragraph outside any list (labels such as "**Expected**: 9 rows").</summary>
internal sealed record ParagraphElement(int Line, string Text) : ChecklistElement(Line);

/// <summary>A list item (or a table row): its text, its task box if any, and how deep it is nested.</summary>
internal sealed record ItemElement(int Line, string Text, ClaimMark Mark, int Depth, bool TaskBox = false) : ChecklistElement(Line);

/// <summary>A fenced or indented code block; <see cref="ContentLine"/> is the line of its first content line.</summary>
internal sealed record CodeElement(int Line, string Language, string Content, int ContentLine) : ChecklistElement(Line);
