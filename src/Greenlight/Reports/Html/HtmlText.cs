using System.Text;

namespace Greenlight.Reports.Html;

/// <summary>Escaping for text and attribute values, and ids that are safe in <c>href="#…"</c>.</summary>
internal static class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",

                // Control characters (a binary body) would make the page invalid.
                _ when ch < ' ' && ch is not ('\n' or '\t') => "\uFFFD",
                _ => ch.ToString(),
            });
        }

        return sb.ToString();
    }

    public static string Id(string prefix, string value)
    {
        var sb = new StringBuilder(prefix);
        foreach (var ch in value)
        {
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' ? ch : '-');
        }

        return sb.ToString();
    }
}
