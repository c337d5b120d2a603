using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greenlight.JsonPath;

/// <summary>A filter's logical expression, evaluated with <c>@</c> as the candidate node and <c>$</c> as the document.</summary>
internal abstract record FilterExpression
{
    public abstract bool IsTrue(JsonNode? current, JsonNode? root);
}

internal sealed record OrExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool IsTrue(JsonNode? current, JsonNode? root) => Left.IsTrue(current, root) || Right.IsTrue(current, root);
}

internal sealed record AndExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool IsTrue(JsonNode? current, JsonNode? root) => Left.IsTrue(current, root) && Right.IsTrue(current, root);
}

internal sealed record NotExpression(FilterExpression Inner) : FilterExpression
{
    public override bool IsTrue(JsonNode? current, JsonNode? root) => !Inner.IsTrue(current, root);
}

/// <summary><c>@.x</c> alone: true when the path selects something (a member whose value is null counts).</summary>
internal sealed record ExistsExpression(QueryOperand Query) : FilterExpression
{
    public override bool IsTrue(JsonNode? current, JsonNode? root) => Query.Values(current, root).Count > 0;
}

/// <summary>
/// <c>left op right</c> with RFC 9535's rules: numbers by value (1.0 == 1), strings ordinally, &lt; only between two
/// numbers or two strings, a path that selects nothing equals only another that selects nothing.
/// A path selecting several nodes compares true when any of them does.
/// </summary>
internal sealed record ComparisonExpression(FilterOperand Left, string Operator, FilterOperand Right) : FilterExpression
{
    public override bool IsTrue(JsonNode? current, JsonNode? root)
    {
        var left = Left.Values(current, root);
        var right = Right.Values(current, root);
        if (left.Count == 0 || right.Count == 0)
        {
            var bothEmpty = left.Count == 0 && right.Count == 0;
            return Operator switch
            {
                "==" or "<=" or ">=" => bothEmpty,
                "!=" => !bothEmpty,
                _ => false,
            };
        }

        return Operator switch
        {
            "==" => left.Any(a => right.Any(b => AreEqual(a, b))),
            "!=" => !left.Any(a => right.Any(b => AreEqual(a, b))),
            "<" => left.Any(a => right.Any(b => IsLess(a, b))),
            ">" => left.Any(a => right.Any(b => IsLess(b, a))),
            "<=" => left.Any(a => right.Any(b => IsLess(a, b) || AreEqual(a, b))),
            ">=" => left.Any(a => right.Any(b => IsLess(b, a) || AreEqual(a, b))),
            _ => false,
        };
    }

    internal static bool AreEqual(JsonNode? a, JsonNode? b)
    {
        if (Number(a) is { } x && Number(b) is { } y)
        {
            return x == y;
        }

        return JsonNode.DeepEquals(a, b);
    }

    private static bool IsLess(JsonNode? a, JsonNode? b)
    {
        if (Number(a) is { } x && Number(b) is { } y)
        {
            return x < y;
        }

        return Text(a) is { } s && Text(b) is { } t && string.CompareOrdinal(s, t) < 0;
    }

    /// <summary>A JSON number as a double, read from its JSON text so it works whatever the node was built from.</summary>
    internal static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

/// <summary>One side of a comparison: a literal or a path.</summary>
internal abstract record FilterOperand
{
    public abstract IReadOnlyList<JsonNode?> Values(JsonNode? current, JsonNode? root);
}

internal sealed record LiteralOperand(JsonNode? Value) : FilterOperand
{
    public override IReadOnlyList<JsonNode?> Values(JsonNode? current, JsonNode? root) => [Value];
}

/// <summary><c>@…</c> (from the candidate) or <c>$…</c> (from the document).</summary>
internal sealed record QueryOperand(bool Relative, IReadOnlyList<PathSegment> Segments) : FilterOperand
{
    public override IReadOnlyList<JsonNode?> Values(JsonNode? current, JsonNode? root) =>
        JsonPathQuery.Evaluate(Segments, Relative ? current : root, root);
}
