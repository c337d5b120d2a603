using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Greenlight.SecretScanning;

/// <summary>
/// Scans text for the rules' secrets. One vectorised search for every keyword at once finds the few
/// lines worth a regex; a file with no keyword costs that search alone. Binary and very large files
/// are skipped and counted, never read as text.
/// </summary>
internal sealed class SecretScanner
{
    private const int BinaryProbe = 8000;

    private readonly IReadOnlyList<SecretRule> _rules;
    private readonly SearchValues<string> _exact;
    private readonly SearchValues<string> _ignoreCase;
    private readonly bool _hasExact;
    private readonly bool _hasIgnoreCase;
    private readonly bool _everyLine;

    private readonly Func<string, bool>? _allowValue;

    // allowValue: true for a value the allow-list accepts (a test fixture's fake key).
    public SecretScanner(IReadOnlyList<SecretRule> rules, long maxFileSize, Func<string, bool>? allowValue = null)
    {
        _rules = [.. rules.OrderBy(r => r.WarnOnly)];
        _allowValue = allowValue;
        MaxFileSize = maxFileSize;
        var exact = rules.Where(r => !r.KeywordsIgnoreCase).SelectMany(r => r.Keywords).Distinct(StringComparer.Ordinal).ToArray();
        var ignoreCase = rules.Where(r => r.KeywordsIgnoreCase).SelectMany(r => r.Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        (_hasExact, _hasIgnoreCase) = (exact.Length > 0, ignoreCase.Length > 0);
        _everyLine = rules.Any(r => r.Keywords.Count == 0 && r.Id != BuiltInSecretRules.DotEnvId);
        _exact = SearchValues.Create(exact.Length > 0 ? exact : ["\0\0"], StringComparison.Ordinal);
        _ignoreCase = SearchValues.Create(ignoreCase.Length > 0 ? ignoreCase : ["\0\0"], StringComparison.OrdinalIgnoreCase);
    }

    public long MaxFileSize { get; }

    /// <summary>Scans files (relative path, full path) on every core; findings come back in file and line order.</summary>
    public async Task<SecretScanResult> ScanFilesAsync(IReadOnlyList<(string Relative, string Full)> files, CancellationToken cancellationToken)
    {
        var findings = new ConcurrentBag<SecretFinding>();
        long bytes = 0, scanned = 0, binary = 0, large = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, async (file, token) =>
        {
            if (BuiltInSecretRules.IsDotEnv(file.Relative) && _rules.Any(r => r.Id == BuiltInSecretRules.DotEnvId))
            {
                findings.Add(new SecretFinding(BuiltInSecretRules.DotEnvId, "environment file committed", file.Relative, 1, 1, "(.env file)", SecretMask.Fingerprint(BuiltInSecretRules.DotEnvId, file.Relative, ""), false));
            }

            byte[] content;
            try
            {
                var info = new FileInfo(file.Full);
                if (info.Length > MaxFileSize)
                {
                    Interlocked.Increment(ref large);
                    return;
                }

                content = await File.ReadAllBytesAsync(file.Full, token);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone or unreadable since listing: not scanned, counted with the skipped.
                Interlocked.Increment(ref binary);
                return;
            }

            if (content.AsSpan(0, Math.Min(BinaryProbe, content.Length)).IndexOf((byte)0) >= 0)
            {
                Interlocked.Increment(ref binary);
                return;
            }

            Interlocked.Add(ref bytes, content.Length);
            Interlocked.Increment(ref scanned);
            ScanText(Encoding.UTF8.GetString(content), file.Relative, findings.Add);
        });

        return new SecretScanResult(
            [.. findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal)],
            (int)scanned, bytes, (int)binary, (int)large);
    }

    /// <summary>
    /// Finds secrets in one text. <paramref name="lineNumbers"/> maps the text's lines to real line
    /// numbers (history scans join the added lines of a diff).
    /// </summary>
    public void ScanText(string text, string file, Action<SecretFinding> add, IReadOnlyList<int>? lineNumbers = null, string? commit = null)
    {
        var span = text.AsSpan();
        var seen = new HashSet<(string Rule, int Start)>();
        var found = new List<(int Start, int End)>();
        var pending = new List<SecretFinding>();
        var lineStart = -1;
        var lineIndex = 0;
        var counted = 0;
        var position = 0;
        while (position < span.Length)
        {
            var exact = _hasExact ? span[position..].IndexOfAny(_exact) : -1;
            var loose = _hasIgnoreCase ? span[position..].IndexOfAny(_ignoreCase) : -1;
            var hit = _everyLine ? 0 : exact < 0 ? loose : loose < 0 ? exact : Math.Min(exact, loose);
            if (hit < 0)
            {
                break;
            }

            hit += position;
            var start = span[..hit].LastIndexOf('\n') + 1;
            var end = span[hit..].IndexOf('\n');
            end = end < 0 ? span.Length : hit + end;
            if (start != lineStart)
            {
                lineIndex += span[counted..start].Count('\n');
                counted = start;
                lineStart = start;
                ScanLine(text, start, end, file, lineNumbers is null ? lineIndex + 1 : lineNumbers[Math.Min(lineIndex, lineNumbers.Count - 1)], commit, seen, found, pending);
            }

            position = end + 1;
        }

        // A generic (warning) finding inside a known secret is the same leak, reported once.
        foreach (var finding in pending)
        {
            add(finding);
        }
    }

    private void ScanLine(string text, int start, int end, string file, int lineNumber, string? commit,
        HashSet<(string, int)> seen, List<(int Start, int End)> found, List<SecretFinding> pending)
    {
        var line = text.AsSpan(start, end - start);
        foreach (var rule in _rules)
        {
            if (rule.Id == BuiltInSecretRules.DotEnvId || !HasKeyword(line, rule))
            {
                continue;
            }

            var windowEnd = rule.SpansLines ? Math.Min(text.Length, start + 16 * 1024) : end;
            MatchCollection matches;
            try
            {
                matches = rule.Pattern.Matches(text[start..windowEnd]);
                foreach (Match match in matches)
                {
                    if (match.Index > line.Length)
                    {
                        break;
                    }

                    var group = match.Groups[rule.SecretGroup];
                    var secret = group.Value;
                    var absolute = start + group.Index;
                    if (secret.Length == 0 || (rule.Accept is not null && !rule.Accept(secret)) || SecretMask.Entropy(secret) < rule.MinEntropy || _allowValue?.Invoke(secret) == true)
                    {
                        continue;
                    }

                    if (rule.WarnOnly && found.Any(f => absolute < f.End && absolute + secret.Length > f.Start))
                    {
                        continue;
                    }

                    if (!seen.Add((rule.Id, absolute)))
                    {
                        continue;
                    }

                    found.Add((absolute, absolute + secret.Length));
                    var column = (rule.SpansLines ? match.Index : group.Index) + 1;
                    pending.Add(new SecretFinding(rule.Id, rule.Description, file, lineNumber, column, SecretMask.Mask(secret), SecretMask.Fingerprint(rule.Id, file, secret), rule.WarnOnly, commit));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological line for one rule: that rule skips the line, the others still run.
            }
        }
    }

    private static bool HasKeyword(ReadOnlySpan<char> line, SecretRule rule)
    {
        if (rule.Keywords.Count == 0)
        {
            return true;
        }

        foreach (var keyword in rule.Keywords)
        {
            if (line.IndexOf(keyword, rule.KeywordsIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
