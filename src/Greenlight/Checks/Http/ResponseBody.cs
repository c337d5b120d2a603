using Greenlight.Assertions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenlight.JsonPath;

namespace Greenlight.Checks.Http;

/// <summary>
/// An HTTP answer's headers and body as subjects (header.NAME, json.PATH), shared by the kinds that
/// read a response: http, and boot's ready URL. The body is parsed as JSON once, when first asked.
/// </summary>
internal sealed class ResponseBody(string body, IReadOnlyList<KeyValuePair<string, string>> headers, bool truncated = false)
{
    // Parsed is false when the body is not JSON; a body of "null" parses to a null node. A name given
    // twice is refused here: JsonObject would otherwise throw later, on first reading that object.
    private readonly Lazy<(bool Parsed, JsonNode? Node, string? Error)> _json = new(() =>
    {
        try
        {
            var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false });
            return (true, node, null);
        }
        catch (JsonException ex)
        {
            return (false, null, truncated ? "the body was cut at max_body and is not whole JSON" : $"the body is not JSON ({ex.Message.Split('.')[0]})");
        }
    });

    public string Text { get; } = body;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    /// <summary>A header by name, case-insensitive; several values joined with ", ".</summary>
    public AssertionValue Header(string name)
    {
        var values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? AssertionValue.MissingBecause($"no {name} header") : AssertionValue.FromString(string.Join(", ", values));
    }

    /// <summary>A JSONPath into the body; several matches make a list.</summary>
    public AssertionValue Json(string? path)
    {
        var (parsed, node, error) = _json.Value;
        if (!parsed)
        {
            return AssertionValue.MissingBecause(error!);
        }

        try
        {
            var matches = JsonPathQuery.Parse(string.IsNullOrEmpty(path) ? "$" : path).Select(node);
            return matches.Count switch
            {
                0 => AssertionValue.MissingBecause($"{path} not found in the body"),
                1 => AssertionValue.FromJson(matches[0]),
                _ => AssertionValue.FromList([.. matches.Select(AssertionValue.FromJson)]),
            };
        }
        catch (JsonPathException ex)
        {
            return AssertionValue.MissingBecause($"invalid JSONPath {path}: {ex.Message}");
        }
    }
}
