using System.Text.Json.Nodes;

namespace Greenlight.JsonPath;

/// <summary>
/// A parsed JSONPath (RFC 9535: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[n]</c> and negative indexes,
/// <c>[*]</c>, <c>..</c>, slices <c>[a:b:c]</c>, unions <c>[0,1]</c>, filters <c>[?@.x == 1]</c>, also written
/// <c>[?(@.x == 1)]</c>) evaluated over System.Text.Json nodes.
/// Hand-written on purpose: no JSONPath library for System.Text.Json is served by the project's package feed
/// (JsonPath.Net is not), and Newtonsoft.Json's SelectTokens keeps code that Native AOT cannot compile.
/// </summary>
internal sealed class JsonPathQuery
{
    private readonly IReadOnlyList<PathSegment> _segments;

    private JsonPathQuery(IReadOnlyList<PathSegment> segments) => _segments = segments;

    /// <summary>Parses a path; a path without a leading <c>$</c> is read as relative to the root (<c>items[0]</c> is <c>$.items[0]</c>).</summary>
    public static JsonPathQuery Parse(string path)
    {
        var parser = new JsonPathParser(path);
        return new JsonPathQuery(parser.ParseQuery());
    }

    /// <summary>The nodes the path selects, in document order; a JSON null is a selected <c>null</c>.</summary>
    public IReadOnlyList<JsonNode?> Select(JsonNode? root) => Evaluate(_segments, root, root);

    internal static List<JsonNode?> Evaluate(IReadOnlyList<PathSegment> segments, JsonNode? start, JsonNode? root)
    {
        var current = new List<JsonNode?> { start };
        foreach (var segment in segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                if (segment.Descendant)
                {
                    foreach (var descendant in SelfAndDescendants(node))
                    {
                        Apply(segment.Selectors, descendant, root, next);
                    }
                }
                else
                {
                    Apply(segment.Selectors, node, root, next);
                }
            }

            current = next;
        }

        return current;
    }

    private static void Apply(IReadOnlyList<Selector> selectors, JsonNode? node, JsonNode? root, List<JsonNode?> into)
    {
        foreach (var selector in selectors)
        {
            selector.Select(node, root, into);
        }
    }

    private static IEnumerable<JsonNode?> SelfAndDescendants(JsonNode? node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in SelfAndDescendants(child))
            {
                yield return descendant;
            }
        }
    }
}
