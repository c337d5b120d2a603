using System.Text.RegularExpressions;

namespace Greenlight.SecretScanning;

/// <summary>
/// One kind of credential: the literal keywords that must occur before its regex is tried (the fast
/// path), the regex whose <see cref="SecretGroup"/> is the secret, and checks that tell a real key
/// from a look-alike. <see cref="WarnOnly"/> findings warn and never fail.
/// </summary>
internal sealed record SecretRule(string Id, string Description, IReadOnlyList<string> Keywords, Regex Pattern, int SecretGroup = 1)
{
    public bool WarnOnly { get; init; }

    /// <summary>Keywords compared ignoring case (aws, password); the others are exact prefixes.</summary>
    public bool KeywordsIgnoreCase { get; init; }

    /// <summary>Shannon entropy (bits per character) the secret must reach, to skip "xxxx" and "changeme".</summary>
    public double MinEntropy { get; init; }

    /// <summary>The match may span lines (a private key block): tried on the text from the line on.</summary>
    public bool SpansLines { get; init; }

    /// <summary>Extra test a candidate must pass (placeholders in a URL are not passwords).</summary>
    public Func<string, bool>? Accept { get; init; }
}
