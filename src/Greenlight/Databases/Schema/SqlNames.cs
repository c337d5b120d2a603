using System.Text.RegularExpressions;

namespace Greenlight.Databases.Schema;

/// <summary>
/// Normalises what two spellings may mean the same: type aliases (int4 = integer, varchar(20) =
/// character varying(20), timestamptz = timestamp with time zone), default expressions
/// ('v1'::text = 'v1', now() = CURRENT_TIMESTAMP), FK actions. Without this a database compared
/// with its own snapshot would show phantom differences.
/// </summary>
internal static partial class SqlNames
{
    private static readonly Dictionary<string, string> TypeAliases = new(StringComparer.Ordinal)
    {
        ["int"] = "integer", ["int4"] = "integer", ["integer"] = "integer", ["serial"] = "integer", ["serial4"] = "integer",
        ["int8"] = "bigint", ["bigserial"] = "bigint", ["serial8"] = "bigint",
        ["int2"] = "smallint", ["smallserial"] = "smallint",
        ["bool"] = "boolean",
        ["float8"] = "double precision", ["double"] = "double precision", ["float"] = "double precision",
        ["float4"] = "real",
        ["varchar"] = "character varying", ["char"] = "character", ["bpchar"] = "character",
        ["decimal"] = "numeric",
        ["timestamp"] = "timestamp without time zone", ["timestamptz"] = "timestamp with time zone",
        ["time"] = "time without time zone", ["timetz"] = "time with time zone",
    };

    public static string NormalizeType(string type)
    {
        var t = Whitespace().Replace(type.Trim().ToLowerInvariant(), " ");
        var array = "";
        while (t.EndsWith("[]", StringComparison.Ordinal))
        {
            array += "[]";
            t = t[..^2].TrimEnd();
        }

        var args = "";
        var paren = t.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            args = "(" + Whitespace().Replace(t[(paren + 1)..].TrimEnd(')'), "").Replace(",", ",", StringComparison.Ordinal) + ")";
            var rest = t[(t.IndexOf(')', StringComparison.Ordinal) + 1)..].Trim();
            t = t[..paren].Trim() + (rest.Length > 0 ? " " + rest : "");
        }

        // "timestamp(3) with time zone" keeps its precision on the base name.
        if (t.StartsWith("timestamp", StringComparison.Ordinal) || t.StartsWith("time ", StringComparison.Ordinal) || t == "time")
        {
            var withZone = t.Contains("with time zone", StringComparison.Ordinal) && !t.Contains("without", StringComparison.Ordinal);
            var baseName = t.StartsWith("timestamptz", StringComparison.Ordinal) || (t.StartsWith("timestamp", StringComparison.Ordinal) && withZone) ? "timestamp with time zone"
                : t.StartsWith("timestamp", StringComparison.Ordinal) ? "timestamp without time zone"
                : t.StartsWith("timetz", StringComparison.Ordinal) || withZone ? "time with time zone" : "time without time zone";
            return baseName.Insert(baseName.IndexOf(' ', StringComparison.Ordinal), args) + array;
        }

        return (TypeAliases.GetValueOrDefault(t) ?? t) + args + array;
    }

    public static bool SameType(string a, string b) => NormalizeType(a) == NormalizeType(b);

    public static string? NormalizeDefault(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        var e = expression.Trim();
        while (e.StartsWith('(') && e.EndsWith(')') && Balanced(e[1..^1]))
        {
            e = e[1..^1].Trim();
        }

        // 'v1.0'::text, 'x'::character varying → 'v1.0'; 42::bigint → 42.
        e = TrailingCast().Replace(e, "");
        var lower = e.ToLowerInvariant();
        return lower switch
        {
            "now()" or "current_timestamp" or "current_timestamp()" or "transaction_timestamp()" => "CURRENT_TIMESTAMP",
            "true" or "false" or "null" => lower,
            _ when e.StartsWith('\'') => e,
            _ => lower,
        };
    }

    public static bool SameDefault(string? a, string? b) => NormalizeDefault(a) == NormalizeDefault(b);

    /// <summary>"cascade", "SET NULL", "set_null" → "cascade", "set null"; empty means "no action".</summary>
    public static string NormalizeAction(string? action) =>
        string.IsNullOrWhiteSpace(action) ? "no action" : action.Trim().ToLowerInvariant().Replace('_', ' ');

    private static bool Balanced(string s)
    {
        var depth = 0;
        foreach (var c in s)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(::[a-z_ ]+(\([0-9, ]*\))?(\[\])?)+$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingCast();
}
