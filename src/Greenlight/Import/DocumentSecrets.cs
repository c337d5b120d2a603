using System.Text.RegularExpressions;

namespace Greenlight.Import;

/// <summary>
/// Finds credentials pasted into a document (API keys of the known shapes, passwords in URLs and
/// assignments) so the import never copies them into a spec and says where they are.
/// </summary>
internal static partial class DocumentSecrets
{
    /// <summary>Each secret value found in <paramref name="text"/>, with what it looks like.</summary>
    public static IEnumerable<(string Value, string What)> Find(string text)
    {
        foreach (Match match in KeyShapes().Matches(text))
        {
            yield return (match.Value, "an API key");
        }

        foreach (Match match in UrlPassword().Matches(text))
        {
            var password = match.Groups["password"].Value;
            if (!IsPlaceholder(password))
            {
                yield return (password, "a password in a connection URL");
            }
        }

        foreach (Match match in Assignment().Matches(text))
        {
            var value = match.Groups["value"].Value.Trim('"', '\'');
            if (value.Length >= 4 && !IsPlaceholder(value))
            {
                yield return (value, $"a value for {match.Groups["name"].Value}");
            }
        }
    }

    /// <summary>Masks a secret for a message: its first 4 characters, never more.</summary>
    public static string Mask(string value) => value.Length <= 4 ? "****" : value[..4] + "…";

    public static bool IsPlaceholder(string value) =>
        value.Length == 0 || value.StartsWith('$') || value.StartsWith('<') || value.Contains("...", StringComparison.Ordinal) || value.Contains('…')
        || PlaceholderWords().IsMatch(value);

    [GeneratedRegex(@"\b(sk-(proj-|ant-(api\d\d-)?)?[A-Za-z0-9_\-]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_\-]{20,}|sk_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_\-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----)")]
    private static partial Regex KeyShapes();

    [GeneratedRegex(@"[a-z][a-z0-9+.\-]*://[^\s:/@]+:(?<password>[^\s@/]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"\b(?<name>[A-Z][A-Z0-9_]*(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|PRIVATE_KEY))\s*[=:]\s*(?<value>""[^""]*""|'[^']*'|[^\s;&|]+)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^(your|xxx|changeme|example|placeholder|redacted|\*+|<)", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderWords();
}
