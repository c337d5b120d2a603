namespace Greenlight.JsonPath;

/// <summary>One step of a path: its selectors, applied to the current nodes (or, after <c>..</c>, to them and all their descendants).</summary>
internal sealed record PathSegment(bool Descendant, IReadOnlyList<Selector> Selectors);
