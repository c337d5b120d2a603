namespace Greenlight.Import;

/// <summary>An item of the document that did not become a check, with its line and the reason.</summary>
internal sealed record NotConverted(int Line, string Text, string Reason);
