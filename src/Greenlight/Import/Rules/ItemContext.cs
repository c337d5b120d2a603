namespace Greenlight.Import.Rules;

/// <summary>Where an item stands: its phase, area, heading, and the label or item just above it.</summary>
internal sealed record ItemContext(ImportPhase Phase, string? Area, string? Heading, int HeadingLine, string? Label, ItemElement? Previous);
