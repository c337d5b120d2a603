using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Greenlight.SecretScanning;

/// <summary>
/// Finds the first place in UTF-8 bytes where a rule's keyword may start, comparing 32 bytes at a
/// time against each keyword's first three bytes, so a file is searched without being decoded.
/// Written out here rather than SearchValues&lt;string&gt;: that search is a generic over value types
/// the runtime compiles unoptimised first, and a short scan ran most of its bytes through that code.
/// </summary>
internal sealed class KeywordPrefilter
{
    // One group per keyword start (first two bytes): the third bytes its keywords go on with.
    // More third bytes than this and the group tests only the first two (SK0…SKf of Twilio).
    private const int ThirdBytesAtMost = 4;

    private readonly Vector256<byte>[] _first;
    private readonly Vector256<byte>[] _second;
    private readonly bool[] _foldFirst;
    private readonly bool[] _foldSecond;
    private readonly Vector256<byte>[][] _thirdFolded;
    private readonly Vector256<byte>[][] _thirdExact;
    private readonly (byte[] Bytes, bool IgnoreCase)[] _keywords;

    private KeywordPrefilter(List<(byte[] Bytes, bool IgnoreCase)> keywords)
    {
        _keywords = [.. keywords];
        var groups = keywords
            .GroupBy(k => (k.IgnoreCase ? Lower(k.Bytes[0]) : k.Bytes[0], k.IgnoreCase ? Lower(k.Bytes[1]) : k.Bytes[1], k.IgnoreCase))
            .ToList();
        _first = [.. groups.Select(g => Vector256.Create(g.Key.Item1))];
        _second = [.. groups.Select(g => Vector256.Create(g.Key.Item2))];
        _foldFirst = [.. groups.Select(g => g.Key.IgnoreCase && IsLetter(g.Key.Item1))];
        _foldSecond = [.. groups.Select(g => g.Key.IgnoreCase && IsLetter(g.Key.Item2))];
        // A letter of a keyword compared ignoring case is compared folded (| 0x20); any other byte as it is.
        var thirds = groups.Select(g => g.Select(k => (Byte: k.Bytes[2], Fold: g.Key.IgnoreCase && IsLetter(k.Bytes[2]))).Distinct().ToList()).ToList();
        _thirdFolded = [.. thirds.Select(t => t.Count > ThirdBytesAtMost ? Array.Empty<Vector256<byte>>() : t.Where(x => x.Fold).Select(x => Vector256.Create(x.Byte)).ToArray())];
        _thirdExact = [.. thirds.Select(t => t.Count > ThirdBytesAtMost ? Array.Empty<Vector256<byte>>() : t.Where(x => !x.Fold).Select(x => Vector256.Create(x.Byte)).ToArray())];
    }

    /// <summary>
    /// A filter for these keywords, or null when bytes cannot stand for them: a keyword shorter than
    /// three bytes, or one compared ignoring case that is not ASCII (its case folding is Unicode's).
    /// </summary>
    public static KeywordPrefilter? TryCreate(IEnumerable<SecretRule> rules)
    {
        var keywords = new List<(byte[] Bytes, bool IgnoreCase)>();
        foreach (var rule in rules)
        {
            if (rule.Keywords.Count == 0)
            {
                return null;
            }

            foreach (var keyword in rule.Keywords)
            {
                var bytes = Encoding.UTF8.GetBytes(keyword);
                if (bytes.Length < 3 || (rule.KeywordsIgnoreCase && !Ascii.IsValid(bytes)))
                {
                    return null;
                }

                keywords.Add((rule.KeywordsIgnoreCase ? [.. bytes.Select(Lower)] : bytes, rule.KeywordsIgnoreCase));
            }
        }

        return keywords.Count == 0 || !Vector256.IsHardwareAccelerated ? null : new KeywordPrefilter(keywords);
    }

    /// <summary>The first index at which a keyword starts, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(ReadOnlySpan<byte> text)
    {
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(text);
        var fold = Vector256.Create((byte)0x20);
        var first = _first;
        for (var last = text.Length - 34; i <= last; i += 32)
        {
            var v0 = Vector256.LoadUnsafe(ref start, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
            var v2 = Vector256.LoadUnsafe(ref start, (nuint)(i + 2));
            var f0 = v0 | fold;
            var f1 = v1 | fold;
            var f2 = v2 | fold;
            var any = Vector256<byte>.Zero;
            for (var g = 0; g < first.Length; g++)
            {
                var hit = Vector256.Equals(_foldFirst[g] ? f0 : v0, first[g]) & Vector256.Equals(_foldSecond[g] ? f1 : v1, _second[g]);
                var folded = _thirdFolded[g];
                var exact = _thirdExact[g];
                if (folded.Length + exact.Length > 0)
                {
                    var some = Vector256<byte>.Zero;
                    foreach (var t in folded)
                    {
                        some |= Vector256.Equals(f2, t);
                    }

                    foreach (var t in exact)
                    {
                        some |= Vector256.Equals(v2, t);
                    }

                    hit &= some;
                }

                any |= hit;
            }

            for (var bits = any.ExtractMostSignificantBits(); bits != 0; bits &= bits - 1)
            {
                var at = i + BitOperations.TrailingZeroCount(bits);
                if (StartsWithKeyword(text[at..]))
                {
                    return at;
                }
            }
        }

        for (; i < text.Length; i++)
        {
            if (StartsWithKeyword(text[i..]))
            {
                return i;
            }
        }

        return -1;
    }

    private bool StartsWithKeyword(ReadOnlySpan<byte> text)
    {
        foreach (var (bytes, ignoreCase) in _keywords)
        {
            if (text.Length < bytes.Length)
            {
                continue;
            }

            if (ignoreCase ? Ascii.EqualsIgnoreCase(text[..bytes.Length], bytes) : text.StartsWith(bytes))
            {
                return true;
            }
        }

        return false;
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    private static bool IsLetter(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z');
}
