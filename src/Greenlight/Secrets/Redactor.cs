using System.Text.RegularExpressions;

namespace Greenlight.Secrets;

/// <summary>
/// Replaces secret values with <see cref="Mask"/> in anything that leaves the process: console,
/// reports, store and error messages. Knows the values of secret-looking variables and captures,
/// and finds passwords in URLs and connection strings by their shape.
/// </summary>
internal sealed partial class Redactor
{
    public const string Mask = "***";

    /// <summary>Shorter values are not masked by value: masking "ab" everywhere would ruin every output.</summary>
    public const int MinimumLength = 4;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private Regex? _pattern;

    public Redactor(IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            AddCore(secret);
        }
    }

    public static Redactor None { get; } = new([]);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _values.Count;
            }
        }
    }

    /// <summary>Adds a value found during the run (a captured token).</summary>
    public void Add(string secret)
    {
        lock (_lock)
        {
            if (AddCore(secret))
            {
                _pattern = null;
            }
        }
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var pattern = Pattern();
        if (pattern is not null)
        {
            text = pattern.Replace(text, Mask);
        }

        text = UrlPassword().Replace(text, Mask);
        return KeyValuePassword().Replace(text, m => m.Groups["key"].Value + Mask);
    }

    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    /// <summary>The password inside a URL such as postgres://user:pw@host/db, if any.</summary>
    public static string? PasswordOf(string url)
    {
        var match = UrlPassword().Match(url);
        return match.Success ? match.Value : null;
    }

    private bool AddCore(string secret)
    {
        var added = false;
        foreach (var value in new[] { secret, Uri.EscapeDataString(secret) })
        {
            if (value.Length >= MinimumLength)
            {
                added |= _values.Add(value);
            }
        }

        var urlPassword = PasswordOf(secret);
        if (urlPassword is not null)
        {
            added |= AddCore(Uri.UnescapeDataString(urlPassword));
        }

        return added;
    }

    private Regex? Pattern()
    {
        lock (_lock)
        {
            if (_pattern is null && _values.Count > 0)
            {
                // Longest first, so a secret that contains another is masked whole.
                var alternation = string.Join("|", _values.OrderByDescending(v => v.Length).Select(Regex.Escape));
                _pattern = new Regex(alternation, RegexOptions.CultureInvariant);
            }

            return _pattern;
        }
    }

    [GeneratedRegex(@"(?<=\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^/\s:@]*:)[^@\s/]+(?=@)")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd|passwd)\s*[=:]\s*)(?!\*\*\*)[^;\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();
}
