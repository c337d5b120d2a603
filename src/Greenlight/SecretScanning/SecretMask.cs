using System.Security.Cryptography;
using System.Text;

namespace Greenlight.SecretScanning;

/// <summary>What of a secret may be shown: its first 4 characters and its length; and a fingerprint that names it without revealing it.</summary>
internal static class SecretMask
{
    public static string Mask(string secret) => $"{secret[..Math.Min(4, secret.Length)]}… ({secret.Length} chars)";

    /// <summary>16 hex digits of SHA-256 over rule, file and secret: stable across runs and line moves, for allow-lists and baselines.</summary>
    public static string Fingerprint(string ruleId, string file, string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\0{file}\0{secret}")))[..16];

    public static double Entropy(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in text)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double entropy = 0;
        foreach (var n in counts)
        {
            if (n > 0)
            {
                var p = (double)n / text.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = (double)other / text.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }
}
