namespace Greenlight.Spec;

/// <summary>
/// Bounds on what a spec may cost to load, whatever its text: deep nesting would overflow the stack of
/// any recursive reader, and aliases fanned out by anchors (a "billion laughs") would make a small
/// file expand to billions of nodes. Both are spec errors with a position instead.
/// </summary>
internal static class YamlLimits
{
    /// <summary>Mappings and lists inside each other; real specs use fewer than 10.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes the document has once every alias is expanded; a 200 KB spec has about 20 000.</summary>
    public const long MaxExpandedNodes = 200_000;

    /// <summary>Nested <c>${A:-${B:-…}}</c> references inside one value.</summary>
    public const int MaxInterpolationDepth = 16;

    /// <summary>Characters one value may expand to.</summary>
    public const int MaxExpandedLength = 1 << 20;

    /// <summary>Characters all the values expanded at load may add up to.</summary>
    public const long MaxTotalExpandedLength = 32L << 20;
}
