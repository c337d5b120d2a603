using System.Text.Json.Nodes;

namespace Greenlight.JsonPath;

/// <summary>What one selector picks from one node: a member, an element, a slice, every child, or the children a filter keeps.</summary>
internal abstract record Selector
{
    public abstract void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into);

    internal static IEnumerable<JsonNode?> Children(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value),
        JsonArray array => array,
        _ => [],
    };
}

/// <summary><c>.name</c> or <c>['name']</c>: the member of an object.</summary>
internal sealed record NameSelector(string Name) : Selector
{
    public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
    {
        if (node is JsonObject obj && obj.TryGetPropertyValue(Name, out var value))
        {
            into.Add(value);
        }
    }
}

/// <summary><c>*</c>: every member value or element.</summary>
internal sealed record WildcardSelector : Selector
{
    public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into) => into.AddRange(Children(node));
}

/// <summary><c>[n]</c>: an element; a negative index counts from the end.</summary>
internal sealed record IndexSelector(long Index) : Selector
{
    public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
    {
        if (node is JsonArray array)
        {
            var i = Index < 0 ? array.Count + Index : Index;
            if (i >= 0 && i < array.Count)
            {
                into.Add(array[(int)i]);
            }
        }
    }
}

/// <summary><c>[start:end:step]</c>, with RFC 9535's bounds: negative values count from the end, step 0 selects nothing.</summary>
internal sealed record SliceSelector(long? Start, long? End, long? Step) : Selector
{
    public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
    {
        if (node is not JsonArray array)
        {
            return;
        }

        long len = array.Count;
        var step = Step ?? 1;
        if (step == 0)
        {
            return;
        }

        static long Normalize(long i, long len) => i >= 0 ? i : len + i;
        if (step > 0)
        {
            var lower = Math.Min(Math.Max(Normalize(Start ?? 0, len), 0), len);
            var upper = Math.Min(Math.Max(Normalize(End ?? len, len), 0), len);
            for (var i = lower; i < upper; i += step)
            {
                into.Add(array[(int)i]);
            }
        }
        else
        {
            var upper = Math.Min(Math.Max(Start is { } s ? Normalize(s, len) : len - 1, -1), len - 1);
            var lower = Math.Min(Math.Max(End is { } e ? Normalize(e, len) : -len - 1, -1), len - 1);
            for (var i = upper; lower < i; i += step)
            {
                into.Add(array[(int)i]);
            }
        }
    }
}

/// <summary><c>[?expr]</c>: the member values or elements for which the expression holds.</summary>
internal sealed record FilterSelector(FilterExpression Expression) : Selector
{
    public override void Select(JsonNode? node, JsonNode? root, List<JsonNode?> into)
    {
        foreach (var child in Children(node))
        {
            if (Expression.IsTrue(child, root))
            {
                into.Add(child);
            }
        }
    }
}
