using Newtonsoft.Json.Linq;

namespace Greenlight.Checks;

/// <summary>JSON Schema fragments shared by the kinds' field lists.</summary>
internal static class FieldSchemas
{
    public static JObject String() => new() { ["type"] = "string" };

    public static JObject Boolean() => new() { ["type"] = new JArray("boolean", "string") };

    public static JObject Integer(int minimum) => new() { ["type"] = new JArray("integer", "string"), ["minimum"] = minimum };

    public static JObject Duration() => new() { ["type"] = "string", ["pattern"] = @"^(\$\{.*\}|[0-9]+(\.[0-9]+)?(us|ms|s|m|h|d))$", ["description"] = "a duration such as 500ms, 30s, 5m" };

    public static JObject Size() => new() { ["type"] = new JArray("string", "integer"), ["description"] = "a size such as 64KiB or 10MB, or bytes" };

    public static JObject StringList() => new() { ["anyOf"] = new JArray(String(), new JObject { ["type"] = "array", ["items"] = String() }) };

    public static JObject StringMap() => new() { ["type"] = "object", ["additionalProperties"] = new JObject { ["type"] = new JArray("string", "number", "boolean") } };

    public static JObject Enum(params string[] values) => new() { ["type"] = "string", ["enum"] = new JArray(values) };
}
