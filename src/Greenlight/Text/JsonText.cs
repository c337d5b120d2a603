using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greenlight.Text;

/// <summary>JSON nodes as text, escaping only what JSON requires (quotes, backslashes, control characters), so a pattern's "+" stays "+".</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions IndentedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static string Compact(JsonNode? node) => node?.ToJsonString(CompactOptions) ?? "null";

    public static string Indented(JsonNode? node) => node?.ToJsonString(IndentedOptions) ?? "null";
}
