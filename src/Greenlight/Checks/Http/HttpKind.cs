using System.Globalization;
using System.Text.RegularExpressions;
using Greenlight.Assertions;
using Greenlight.Spec;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Checks.Http;

/// <summary><c>kind: http</c>: a request with retries and latency samples; status, header, body and JSON assertions.</summary>
internal sealed partial class HttpKind : ICheckKind
{
    public string Name => "http";

    public string Summary => "Sends an HTTP request (optionally N samples for latency percentiles) and asserts on status, headers, body, JSON and duration; values can be captured for later checks.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("request", RequestSchema, "`METHOD URL` (GET when the method is left out), or a mapping with method, url, headers, body or json.", Required: true),
        new("follow_redirects", FieldSchemas.Boolean, "Follow 3xx redirects (default true)."),
        new("max_redirects", () => FieldSchemas.Integer(0), "How many redirects are followed at most (default 10); more, or a loop, is an `error` that names the chain."),
        new("warmup", () => FieldSchemas.Integer(0), "Requests sent first and not counted in duration or samples (default 1 when `samples` > 1 and the method is GET, HEAD or OPTIONS, else 0)."),
        new("tls_verify", FieldSchemas.Boolean, "Verify the server's TLS certificate (default true)."),
        new("samples", () => FieldSchemas.Integer(1), "Send the request N times in a row; p50/p90/p95/p99/min/max/avg(duration) use every sample (default 1)."),
        new("max_body", FieldSchemas.Size, "How much of the response body is read (default 10MiB); the rest is not downloaded."),
        new("fingerprint", () => new JsonObject { ["type"] = "object" }, "Which app must be answering: `contains` (a marker), `not_matches` (placeholder pages; defaults to common ones), `version` (a subject such as json.$.version) and `commit` (default: git rev-parse HEAD)."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("status", ValueKind.Number, "The response status code."),
        new("header", ValueKind.String, "A response header by name (case-insensitive), e.g. `header.content-type`.", ArgumentName: "NAME"),
        new("body", ValueKind.String, "The response body as text."),
        new("json", null, "A JSONPath into the body, e.g. `json.$.config_loaded` or `json.$.items[0].id`.", ArgumentName: "PATH"),
        new("duration", ValueKind.Duration, "Time from sending the request to the end of the body; with samples, the slowest one.", Sampled: true),
        new("url", ValueKind.String, "The final URL, after redirects."),
    ]);

    public IReadOnlyList<string> DefaultExpect => ["status >= 200", "status < 400"];

    public ICheck Create(YamlMapReader fields)
    {
        var request = ReadRequest(fields);
        var followRedirects = fields.Boolean("follow_redirects") ?? true;
        var verifyTls = fields.Boolean("tls_verify") ?? true;
        var samples = fields.Integer("samples", 1, 10_000) ?? 1;
        var maxRedirects = fields.Integer("max_redirects", 0, 100) ?? 10;
        var warmup = fields.Integer("warmup", 0, 1000);
        var maxBody = fields.Size("max_body") ?? 10 * 1024 * 1024;
        var fingerprint = ReadFingerprint(fields.Map("fingerprint"), Subjects);
        return new HttpCheck(request ?? new HttpRequestTemplate("GET", "", [], null, null), followRedirects, verifyTls, samples, maxBody, fingerprint, maxRedirects, warmup);
    }

    private static Fingerprint? ReadFingerprint(YamlMapReader? map, SubjectCatalog subjects)
    {
        if (map is null)
        {
            return null;
        }

        var contains = map.Template("contains");
        var patterns = new List<Regex>();
        var written = map.ScalarList("not_matches");
        foreach (var (text, node) in written ?? Fingerprint.Placeholders.Select(p => (Regex.Escape(p), (YamlDotNet.RepresentationModel.YamlScalarNode)null!)).ToList())
        {
            try
            {
                patterns.Add(new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (ArgumentException ex)
            {
                map.Context.Error(node, $"`not_matches`: invalid regular expression: {ex.Message}");
            }
        }

        SubjectRef? version = null;
        if (map.Scalar("version") is { } versionNode)
        {
            try
            {
                version = AssertionParser.ParseSubjectOnly(versionNode.Value ?? "");
                subjects.Resolve(version, out _);
            }
            catch (AssertionSyntaxException ex)
            {
                map.Context.Error(map.Context.At(versionNode, ex.Column), $"`fingerprint.version`: {ex.Message}");
            }
        }

        var commit = map.Template("commit");
        map.RejectUnknown("`fingerprint`");
        return new Fingerprint(contains, patterns, version, commit);
    }

    private static JsonObject RequestSchema() => new()
    {
        ["anyOf"] = new JsonArray(
            new JsonObject { ["type"] = "string", ["description"] = "METHOD URL, e.g. GET ${api}/health" },
            new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["required"] = new JsonArray("url"),
                ["properties"] = new JsonObject
                {
                    ["method"] = FieldSchemas.String(),
                    ["url"] = FieldSchemas.String(),
                    ["headers"] = FieldSchemas.StringMap(),
                    ["body"] = FieldSchemas.String(),
                    ["json"] = new JsonObject { ["description"] = "a JSON body, written as YAML" },
                },
            }),
    };

    private static HttpRequestTemplate? ReadRequest(YamlMapReader fields)
    {
        var context = fields.Context;
        var node = fields.Raw("request");
        switch (node)
        {
            case null:
                context.Error(fields.Location, "missing required field `request`, e.g. `request: GET ${api}/health`");
                return null;
            case YamlScalarNode scalar:
                {
                    var text = (scalar.Value ?? "").Trim();
                    var match = MethodAndUrl().Match(text);
                    var method = match.Success ? match.Groups[1].Value : "GET";
                    var url = match.Success ? match.Groups[2].Value : text;
                    context.ValidateTemplate(url, scalar, fields.CheckId);
                    ValidateUrl(url, scalar, context);
                    return new HttpRequestTemplate(method, url, [], null, null);
                }

            case YamlMappingNode mapping:
                {
                    var reader = new YamlMapReader(mapping, context, fields.CheckId);
                    var method = reader.Text("method")?.ToUpperInvariant() ?? "GET";
                    if (!MethodName().IsMatch(method))
                    {
                        context.Error(reader.LocationOf("method"), $"`method`: `{method}` is not an HTTP method");
                    }

                    var urlNode = reader.Scalar("url", required: true);
                    var url = urlNode is null ? "" : context.ValidateTemplate(urlNode.Value ?? "", urlNode, fields.CheckId);
                    if (urlNode is not null)
                    {
                        ValidateUrl(url, urlNode, context);
                    }

                    var headers = (reader.ScalarMap("headers") ?? []).Select(h => (h.Name, context.ValidateTemplate(h.Text, h.Node, fields.CheckId))).ToList();
                    var body = reader.Template("body");
                    var jsonNode = reader.Raw("json");
                    var json = jsonNode is null ? null : ToJson(jsonNode, context, fields.CheckId);
                    if (body is not null && jsonNode is not null)
                    {
                        context.Error(reader.LocationOf("json"), "give either `body` or `json`, not both");
                    }

                    reader.RejectUnknown("`request`");
                    return new HttpRequestTemplate(method, url, headers, body, json, HasJson: jsonNode is not null);
                }

            default:
                context.Error(node, "`request`: expected `METHOD URL` or a mapping with method, url, headers, body or json");
                return null;
        }
    }

    private static void ValidateUrl(string url, YamlNode node, SpecReadContext context)
    {
        if (url.Contains("${", StringComparison.Ordinal))
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            context.Error(node, $"`request`: `{url}` is not an absolute http:// or https:// URL");
        }
    }

    /// <summary>YAML to JSON: plain scalars become numbers, booleans and null where they read as such.</summary>
    private static JsonNode? ToJson(YamlNode node, SpecReadContext context, string? checkId)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                {
                    var obj = new JsonObject();
                    foreach (var (k, v) in mapping.Children)
                    {
                        obj[((YamlScalarNode)k).Value ?? ""] = ToJson(v, context, checkId);
                    }

                    return obj;
                }

            case YamlSequenceNode sequence:
                return new JsonArray([.. sequence.Children.Select(c => ToJson(c, context, checkId))]);
            case YamlScalarNode scalar:
                {
                    var text = scalar.Value ?? "";
                    if (scalar.Style == ScalarStyle.Plain)
                    {
                        if (text is "null" or "~" or "")
                        {
                            return null;
                        }

                        if (text is "true" or "false")
                        {
                            return JsonValue.Create(text == "true");
                        }

                        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
                        {
                            return JsonValue.Create(l);
                        }

                        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                        {
                            return JsonValue.Create(d);
                        }
                    }

                    context.ValidateTemplate(text, scalar, checkId);
                    return JsonValue.Create(text);
                }

            default:
                return null;
        }
    }

    [GeneratedRegex(@"^([A-Z]+)\s+(\S.*)$")]
    private static partial Regex MethodAndUrl();

    [GeneratedRegex("^[A-Z]+$")]
    private static partial Regex MethodName();
}
