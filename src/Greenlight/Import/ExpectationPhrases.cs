using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Import;

/// <summary>
/// Turns what a document says plainly about a result into assertions: "Expected: 9 rows" →
/// <c>rows == 9</c>, "Should be 0" → <c>value == 0</c>, "&gt; 95%" → <c>value &gt; 0.95</c>,
/// "`raw_response_url` is NOT NULL", "HTTP 200 OK" → <c>status == 200</c>. A sentence it cannot read
/// plainly is returned as left over, so the import can say so instead of guessing.
/// </summary>
internal static partial class ExpectationPhrases
{
    public static (List<string> Assertions, List<string> LeftOver) ForSql(IEnumerable<string> sentences, string query)
    {
        var assertions = new List<string>();
        var leftOver = new List<string>();
        var percentScale = PercentQuery().IsMatch(query);
        foreach (var sentence in sentences)
        {
            var before = assertions.Count;
            if (RowCount().Match(sentence) is { Success: true } rows)
            {
                assertions.Add($"rows == {rows.Groups["n"].Value}");
            }
            else if (ShouldBe().Match(sentence) is { Success: true } value)
            {
                assertions.Add($"value == {value.Groups["n"].Value}");
            }
            else if (Percent().Match(sentence) is { Success: true } percent)
            {
                var number = decimal.Parse(percent.Groups["n"].Value, CultureInfo.InvariantCulture);
                var limit = percentScale ? number : number / 100m;
                assertions.Add($"value {NormaliseOperator(percent.Groups["op"].Value)} {limit.ToString(CultureInfo.InvariantCulture)}");
            }

            foreach (Match notNull in NotNull().Matches(sentence))
            {
                assertions.Add($"row[0].{notNull.Groups["col"].Value} is not empty");
            }

            foreach (Match starts in StartsWith().Matches(sentence))
            {
                assertions.Add($"row[0].{starts.Groups["col"].Value} matches /^{Regex.Escape(starts.Groups["prefix"].Value).Replace("/", "\\/", StringComparison.Ordinal)}/");
            }

            if (IsOneOf().Match(sentence) is { Success: true } oneOf)
            {
                var values = QuotedValue().Matches(oneOf.Groups["rest"].Value).Select(m => m.Groups["v"].Value).Distinct().ToList();
                if (values.Count == 1)
                {
                    assertions.Add($"row[0].{oneOf.Groups["col"].Value} == \"{values[0]}\"");
                }
                else if (values.Count > 1)
                {
                    assertions.Add($"row[0].{oneOf.Groups["col"].Value} in [{string.Join(", ", values.Select(v => $"\"{v}\""))}]");
                }
            }

            if (assertions.Count == before && sentence.Trim().Length > 0)
            {
                leftOver.Add(sentence.Trim());
            }
        }

        return (assertions, leftOver);
    }

    public static (List<string> Assertions, List<string> LeftOver) ForHttp(IEnumerable<string> sentences)
    {
        var assertions = new List<string>();
        var leftOver = new List<string>();
        foreach (var sentence in sentences)
        {
            if (HttpStatus().Match(sentence) is { Success: true } status)
            {
                assertions.Add($"status == {status.Groups["code"].Value}");
            }
            else if (sentence.Trim().Length > 0)
            {
                leftOver.Add(sentence.Trim());
            }
        }

        return (assertions, leftOver);
    }

    /// <summary>"Expected output: p2_add_user_tool_history (head)" → <c>stdout contains "…"</c>.</summary>
    public static (List<string> Assertions, List<string> LeftOver) ForCommand(IEnumerable<string> sentences)
    {
        var assertions = new List<string>();
        var leftOver = new List<string>();
        foreach (var sentence in sentences)
        {
            if (ExpectedOutput().Match(sentence) is { Success: true } output)
            {
                var text = output.Groups["text"].Value.Trim().Trim('"', '\'', '`');
                assertions.Add($"stdout contains \"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
            }
            else if (sentence.Trim().Length > 0)
            {
                leftOver.Add(sentence.Trim());
            }
        }

        return (assertions, leftOver);
    }

    private static string NormaliseOperator(string op) => op switch
    {
        "≥" => ">=",
        "≤" => "<=",
        "above" or "over" or "more than" or "greater than" => ">",
        "below" or "under" or "less than" => "<",
        _ => op,
    };

    [GeneratedRegex(@"\b(expected|expect|returns?|should (return|be|show)|must (return|be)|gives?)\b[^.\d]{0,20}?(?<n>\d+)\s+rows?\b", RegexOptions.IgnoreCase)]
    private static partial Regex RowCount();

    [GeneratedRegex(@"\b(should|must) be (?<n>\d+(\.\d+)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShouldBe();

    [GeneratedRegex(@"(?<op>>=|<=|≥|≤|>|<|above|over|more than|greater than|below|under|less than)\s*(?<n>\d+(\.\d+)?)\s*%", RegexOptions.IgnoreCase)]
    private static partial Regex Percent();

    [GeneratedRegex(@"100(\.0*)?\s*\*|percent", RegexOptions.IgnoreCase)]
    private static partial Regex PercentQuery();

    [GeneratedRegex(@"`(?<col>[A-Za-z_][A-Za-z0-9_]*)`\s+is\s+not\s+null", RegexOptions.IgnoreCase)]
    private static partial Regex NotNull();

    [GeneratedRegex(@"`(?<col>[A-Za-z_][A-Za-z0-9_]*)`\s+starts\s+with\s+`(?<prefix>[^`]+)`", RegexOptions.IgnoreCase)]
    private static partial Regex StartsWith();

    [GeneratedRegex(@"^\s*`(?<col>[A-Za-z_][A-Za-z0-9_]*)`\s+is\s+(?<rest>'.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex IsOneOf();

    [GeneratedRegex(@"'(?<v>[^']+)'")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"\b(HTTP\s*|status\s*(code\s*)?[:=]?\s*|returns?\s+|respond\w*\s+(with\s+)?)(?<code>[1-5]\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HttpStatus();

    [GeneratedRegex(@"^\s*expected( output)?\s*[:=]\s*(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ExpectedOutput();
}
