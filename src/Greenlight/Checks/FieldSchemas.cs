using System.Text.Json.Nodes;

namespace Greenlight.Checks;

/// <summary>JSON Schema fragments shared by the kinds' field lists.</summary>
internal static class FieldSchemas
{
    public static JsonObject String() => new() { ["type"] = "string" };

    public static JsonObject Boolean() => new() { ["type"] = new JsonArray("boolean", "string") };

    public static JsonObject Integer(int minimum) => new() { ["type"] = new JsonArray("integer", "string"), ["minimum"] = minimum };

    public static JsonObject Duration() => new() { ["type"] = "string", ["pattern"] = @"^(\$\{.*\}|[0-9]+(\.[0-9]+)?(us|ms|s|m|h|d))$", ["description"] = "a duration such as 500ms, 30s, 5m" };

    public static JsonObject Size() => new() { ["type"] = new JsonArray("string", "integer"), ["description"] = "a size such as 64KiB or 10MB, or bytes" };

    public static JsonObject StringList() => new() { ["anyOf"] = new JsonArray(String(), new JsonObject { ["type"] = "array", ["items"] = String() }) };

    public static JsonObject StringMap() => new() { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") } };

    public static JsonObject Enum(params string[] values) => new() { ["type"] = "string", ["enum"] = Strings(values) };

    /// <summary>A JSON array of strings (JsonArray takes nodes, not strings).</summary>
    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];
}
