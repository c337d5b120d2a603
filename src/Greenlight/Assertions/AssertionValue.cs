using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenlight.Text;

namespace Greenlight.Assertions;

/// <summary>
/// A typed value on either side of an assertion. Durations are kept in milliseconds and sizes in
/// bytes so that they compare as numbers, but they keep their kind so "500" never equals "500ms".
/// </summary>
internal sealed class AssertionValue
{
    public static readonly AssertionValue Missing = new(ValueKind.Missing);
    public static readonly AssertionValue Null = new(ValueKind.Null);
    public static readonly AssertionValue True = new(ValueKind.Bool) { Bool = true };
    public static readonly AssertionValue False = new(ValueKind.Bool) { Bool = false };

    private AssertionValue(ValueKind kind) => Kind = kind;

    public ValueKind Kind { get; }
    public bool Bool { get; private init; }
    public double Number { get; private init; }
    public string Text { get; private init; } = "";
    public IReadOnlyList<AssertionValue> Items { get; private init; } = [];
    public JsonObject? Json { get; private init; }

    /// <summary>Why a value is missing ("header X-Version absent"), shown as the actual value.</summary>
    public string? MissingReason { get; private init; }

    public static AssertionValue FromBool(bool value) => value ? True : False;
    public static AssertionValue FromNumber(double value) => new(ValueKind.Number) { Number = value };
    public static AssertionValue FromString(string value) => new(ValueKind.String) { Text = value };
    public static AssertionValue FromDuration(TimeSpan value) => new(ValueKind.Duration) { Number = value.TotalMilliseconds };
    public static AssertionValue FromMilliseconds(double ms) => new(ValueKind.Duration) { Number = ms };
    public static AssertionValue FromBytes(double bytes) => new(ValueKind.Size) { Number = bytes };
    public static AssertionValue FromList(IReadOnlyList<AssertionValue> items) => new(ValueKind.List) { Items = items };
    public static AssertionValue MissingBecause(string reason) => new(ValueKind.Missing) { MissingReason = reason };

    /// <summary>A JSON value; <c>null</c> is JSON's null (System.Text.Json's nodes have no null node).</summary>
    public static AssertionValue FromJson(JsonNode? node) => node switch
    {
        null => Null,
        JsonObject obj => new AssertionValue(ValueKind.Object) { Json = obj },
        JsonArray array => FromList([.. array.Select(FromJson)]),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.True => True,
            JsonValueKind.False => False,
            JsonValueKind.Null => Null,
            JsonValueKind.String => FromString(value.GetValue<string>()),
            // From the JSON text, so a long, a double or a parsed number of any size reads the same way.
            JsonValueKind.Number => FromNumber(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => FromString(JsonText.Compact(value)),
        },
        _ => FromString(JsonText.Compact(node)),
    };

    /// <summary>The number of characters, items or properties, for len() and "is empty".</summary>
    public int? Length => Kind switch
    {
        ValueKind.String => Text.Length,
        ValueKind.List => Items.Count,
        ValueKind.Object => Json!.Count,
        ValueKind.Null => 0,
        _ => null,
    };

    /// <summary>The value as plain text, used by captures and regex matching.</summary>
    public string AsText() => Kind switch
    {
        ValueKind.String => Text,
        ValueKind.Object => JsonText.Compact(Json),
        ValueKind.List => "[" + string.Join(", ", Items.Select(i => i.AsText())) + "]",
        _ => ToDisplay(),
    };

    /// <summary>How the value is shown beside an expectation: strings quoted, units kept.</summary>
    public string ToDisplay()
    {
        const int limit = 200;
        return Kind switch
        {
            ValueKind.Missing => MissingReason is null ? "<missing>" : $"<missing: {MissingReason}>",
            ValueKind.Null => "null",
            ValueKind.Bool => Bool ? "true" : "false",
            ValueKind.Number => Number.ToString("G", CultureInfo.InvariantCulture),
            ValueKind.Duration => Units.FormatDuration(Number),
            ValueKind.Size => Units.FormatSize(Number),
            ValueKind.String => Quote(Text.Length > limit ? Text[..limit] + "…" : Text),
            ValueKind.List => "[" + string.Join(", ", Items.Take(20).Select(i => i.ToDisplay())) + (Items.Count > 20 ? ", …" : "") + "]",
            ValueKind.Object => Truncate(JsonText.Compact(Json), limit),
            _ => Kind.ToString(),
        };
    }

    public override string ToString() => ToDisplay();

    public static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "boolean",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        ValueKind.Duration => "duration",
        ValueKind.Size => "size",
        ValueKind.List => "list",
        ValueKind.Object => "object",
        ValueKind.Null => "null",
        _ => "missing",
    };

    private static string Truncate(string s, int limit) => s.Length > limit ? s[..limit] + "…" : s;

    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
