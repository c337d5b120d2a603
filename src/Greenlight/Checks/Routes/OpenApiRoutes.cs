using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Checks.Routes;

/// <summary>
/// Reads the operations of an OpenAPI 3 document (JSON or YAML) with Microsoft.OpenApi, and fills
/// path parameters with sample values: given ones first, then the document's examples and defaults,
/// then a value of the parameter's type.
/// </summary>
internal static class OpenApiRoutes
{
    public static List<RouteOperation> Read(string text, string source, IReadOnlyDictionary<string, string> samples)
    {
        var json = text.TrimStart().StartsWith('{') ? text : YamlToJson(text, source);
        var result = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());
        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null || errors.Count > 0)
        {
            var first = errors.FirstOrDefault();
            throw new RoutesException($"{source} is not a valid OpenAPI document: {first?.Message ?? "it could not be read"}{(string.IsNullOrEmpty(first?.Pointer) ? "" : $" (at {first.Pointer})")}");
        }

        var routes = new List<RouteOperation>();
        foreach (var (template, item) in result.Document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Path).ToList();
                var path = template;
                foreach (var parameter in parameters)
                {
                    var name = parameter.Name ?? "";
                    var value = samples.GetValueOrDefault(name) ?? Sample(parameter);
                    path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                }

                // Any placeholder the document did not declare still needs a value.
                path = System.Text.RegularExpressions.Regex.Replace(path, "{([^}/]+)}", m => Uri.EscapeDataString(samples.GetValueOrDefault(m.Groups[1].Value) ?? "1"));
                var produces = (operation.Responses ?? []).Values.SelectMany(r => r.Content?.Keys ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                routes.Add(new RouteOperation(method.Method.ToUpperInvariant(), path, template) { Produces = produces });
            }
        }

        return routes;
    }

    private static string Sample(IOpenApiParameter parameter)
    {
        // OpenAPI 3.0 documents put `example` on the schema; the library keeps it only on the obsolete Example.
#pragma warning disable CS0618
        var schemaExample = parameter.Schema?.Example;
#pragma warning restore CS0618
        var example = parameter.Example ?? parameter.Examples?.Values.FirstOrDefault()?.Value ?? schemaExample ?? parameter.Schema?.Examples?.FirstOrDefault() ?? parameter.Schema?.Default;
        if (example is JsonValue value)
        {
            return value.ToString();
        }

        var type = parameter.Schema?.Type;
        return parameter.Schema?.Format == "uuid" ? "00000000-0000-0000-0000-000000000001"
            : type is { } t && (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number)) ? "1"
            : "sample";
    }

    /// <summary>
    /// YAML to JSON through the representation model (no reflection, so trimming keeps it working);
    /// plain scalars become booleans, numbers and nulls as YAML 1.2 reads them, quoted ones stay strings.
    /// </summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: var text } => text switch
        {
            null or "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };

    private static string YamlToJson(string yaml, string source)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return (stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode))?.ToJsonString() ?? "null";
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new RoutesException($"{source} is not valid YAML: {ex.Message} (line {ex.Start.Line}, column {ex.Start.Column})");
        }
    }
}
