using Greenlight.Assertions;
using Newtonsoft.Json.Linq;

namespace Greenlight.Checks.Http;

/// <summary>
/// An HTTP answer's headers and body as subjects (header.NAME, json.PATH), shared by the kinds that
/// read a response: http, and boot's ready URL. The body is parsed as JSON once, when first asked.
/// </summary>
internal sealed class ResponseBody(string body, IReadOnlyList<KeyValuePair<string, string>> headers, bool truncated = false)
{
    private readonly Lazy<(JToken? Token, string? Error)> _json = new(() =>
    {
        try
        {
            return (JToken.Parse(body), null);
        }
        catch (Newtonsoft.Json.JsonReaderException ex)
        {
            return (null, truncated ? "the body was cut at max_body and is not whole JSON" : $"the body is not JSON ({ex.Message.Split('.')[0]})");
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
        var (token, error) = _json.Value;
        if (token is null)
        {
            return AssertionValue.MissingBecause(error!);
        }

        try
        {
            var matches = token.SelectTokens(string.IsNullOrEmpty(path) ? "$" : path, errorWhenNoMatch: false).ToList();
            return matches.Count switch
            {
                0 => AssertionValue.MissingBecause($"{path} not found in the body"),
                1 => AssertionValue.FromJson(matches[0]),
                _ => AssertionValue.FromList([.. matches.Select(AssertionValue.FromJson)]),
            };
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return AssertionValue.MissingBecause($"invalid JSONPath {path}: {ex.Message}");
        }
    }
}
