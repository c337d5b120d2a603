using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Greenlight.SecretScanning;

/// <summary>
/// Scans text for the rules' secrets. A vectorised search for every keyword at once finds the few
/// lines worth a regex; a file with no keyword costs that search alone. Binary and very large files
/// are skipped and counted, never read as text.
/// </summary>
internal sealed class SecretScanner
{
    private const int BinaryProbe = 8000;

    // SearchValues<string> picks its vectorised (Teddy) search by the shortest keyword: one
    // two-character keyword among forty made the whole search 4x slower, so short ones search apart.
    private const int ShortKeyword = 3;

    private readonly IReadOnlyList<SecretRule> _rules;
    private readonly SearchValues<string>[] _searches;
    private readonly bool _everyLine;
    private readonly bool _dotEnv;

    private readonly Func<string, bool>? _allowValue;

    // Files are searched as bytes when every keyword allows it; only candidate lines are decoded.
    private readonly KeywordPrefilter? _prefilter;
    private readonly SecretRule[] _spanningRules;

    // allowValue: true for a value the allow-list accepts (a test fixture's fake key).
    public SecretScanner(IReadOnlyList<SecretRule> rules, long maxFileSize, Func<string, bool>? allowValue = null)
    {
        _rules = [.. rules.Where(r => r.Id != BuiltInSecretRules.DotEnvId).OrderBy(r => r.WarnOnly)];
        _dotEnv = rules.Any(r => r.Id == BuiltInSecretRules.DotEnvId);
        _allowValue = allowValue;
        MaxFileSize = maxFileSize;
        var exact = _rules.Where(r => !r.KeywordsIgnoreCase).SelectMany(r => r.Keywords).ToList();
        var ignoreCase = _rules.Where(r => r.KeywordsIgnoreCase).SelectMany(r => r.Keywords).ToList();
        var searches = new List<SearchValues<string>>();
        void Add(IEnumerable<string> keywords, StringComparison comparison)
        {
            var list = keywords.Distinct(comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase).ToArray();
            if (list.Length > 0)
            {
                searches.Add(SearchValues.Create(list, comparison));
            }
        }

        Add(exact.Where(k => k.Length >= ShortKeyword), StringComparison.Ordinal);
        Add(ignoreCase.Where(k => k.Length >= ShortKeyword), StringComparison.OrdinalIgnoreCase);

        // Short keywords of either case in one set; each rule checks its own case on the line.
        Add(exact.Concat(ignoreCase).Where(k => k.Length < ShortKeyword), StringComparison.OrdinalIgnoreCase);
        _searches = [.. searches];
        _everyLine = _rules.Any(r => r.Keywords.Count == 0);
        _prefilter = KeywordPrefilter.TryCreate(_rules);
        _spanningRules = [.. _rules.Where(r => r.SpansLines)];
    }

    public long MaxFileSize { get; }

    /// <summary>True when files are searched as bytes (every keyword is three bytes or more, ASCII where case is ignored).</summary>
    public bool SearchesBytes => _prefilter is not null;

    /// <summary>Scans files (relative path, full path) on every core; findings come back in file and line order.</summary>
    public async Task<SecretScanResult> ScanFilesAsync(IReadOnlyList<(string Relative, string Full)> files, CancellationToken cancellationToken)
    {
        var findings = new ConcurrentBag<SecretFinding>();
        long bytes = 0, scanned = 0, binary = 0, large = 0;

        // Synchronous reads into pooled buffers: on Linux an async file read is a blocking read on the
        // pool anyway, and a fresh array per file was most of the allocation of a scan.
        await Task.Run(() => Parallel.ForEach(
            files,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            file =>
            {
                if (_dotEnv && BuiltInSecretRules.IsDotEnv(file.Relative))
                {
                    findings.Add(new SecretFinding(BuiltInSecretRules.DotEnvId, "environment file committed", file.Relative, 1, 1, "(.env file)", SecretMask.Fingerprint(BuiltInSecretRules.DotEnvId, file.Relative, ""), false));
                }

                switch (ScanFile(file.Relative, file.Full, findings.Add, out var length))
                {
                    case FileScan.Scanned:
                        Interlocked.Add(ref bytes, length);
                        Interlocked.Increment(ref scanned);
                        break;
                    case FileScan.Large:
                        Interlocked.Increment(ref large);
                        break;
                    default:
                        Interlocked.Increment(ref binary);
                        break;
                }
            }), cancellationToken);

        return new SecretScanResult(
            [.. findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal)],
            (int)scanned, bytes, (int)binary, (int)large);
    }

    private enum FileScan
    {
        Scanned,
        Binary,
        Large,
    }

    private FileScan ScanFile(string relative, string full, Action<SecretFinding> add, out long length)
    {
        length = 0;
        byte[]? bytes = null;
        char[]? chars = null;
        try
        {
            int read;
            using (SafeFileHandle handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                length = RandomAccess.GetLength(handle);
                if (length > MaxFileSize || length > Array.MaxLength)
                {
                    return FileScan.Large;
                }

                bytes = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
                read = 0;
                while (read < length && RandomAccess.Read(handle, bytes.AsSpan(read, (int)length - read), read) is var n and > 0)
                {
                    read += n;
                }
            }

            length = read;
            var content = bytes.AsSpan(0, read);
            if (content[..Math.Min(BinaryProbe, read)].Contains((byte)0))
            {
                return FileScan.Binary;
            }

            if (_prefilter is not null)
            {
                ScanBytes(content, relative, add);
                return FileScan.Scanned;
            }

            chars = ArrayPool<char>.Shared.Rent(Math.Max(read, 1));
            var count = Encoding.UTF8.GetChars(content, chars);
            ScanText(chars.AsSpan(0, count), relative, add);
            return FileScan.Scanned;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone or unreadable since listing: not scanned, counted with the skipped.
            return FileScan.Binary;
        }
        finally
        {
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }

            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }

    /// <inheritdoc cref="ScanText(ReadOnlySpan{char}, string, Action{SecretFinding}, IReadOnlyList{int}?, string?)"/>
    public void ScanText(string text, string file, Action<SecretFinding> add, IReadOnlyList<int>? lineNumbers = null, string? commit = null) =>
        ScanText(text.AsSpan(), file, add, lineNumbers, commit);

    /// <summary>
    /// Finds secrets in one text. <paramref name="lineNumbers"/> maps the text's lines to real line
    /// numbers (history scans join the added lines of a diff).
    /// </summary>
    public void ScanText(ReadOnlySpan<char> span, string file, Action<SecretFinding> add, IReadOnlyList<int>? lineNumbers = null, string? commit = null)
    {
        var state = new LineState();

        // The next hit of each keyword search, kept until passed: each search runs over the text once.
        Span<int> next = stackalloc int[_searches.Length];
        next.Fill(-1);
        var lineIndex = 0;
        var counted = 0;
        var position = 0;
        while (position < span.Length)
        {
            var hit = int.MaxValue;
            if (_everyLine)
            {
                hit = position;
            }
            else
            {
                for (var i = 0; i < _searches.Length; i++)
                {
                    if (next[i] < position && next[i] != int.MaxValue)
                    {
                        var found = span[position..].IndexOfAny(_searches[i]);
                        next[i] = found < 0 ? int.MaxValue : position + found;
                    }

                    hit = Math.Min(hit, next[i]);
                }

                if (hit == int.MaxValue)
                {
                    break;
                }
            }

            var start = span[..hit].LastIndexOf('\n') + 1;
            var end = span[hit..].IndexOf('\n');
            end = end < 0 ? span.Length : hit + end;
            lineIndex += span[counted..start].Count('\n');
            counted = start;
            ScanLine(span, start, end, file, lineNumbers is null ? lineIndex + 1 : lineNumbers[Math.Min(lineIndex, lineNumbers.Count - 1)], commit, state);
            position = end + 1;
        }

        foreach (var finding in state.Pending)
        {
            add(finding);
        }
    }

    /// <summary>
    /// Finds secrets in UTF-8 text without decoding it: the keyword search runs on the bytes and only
    /// the lines it hits (and, for a rule that spans lines, the text after them) become strings.
    /// Findings are the same as <see cref="ScanText(ReadOnlySpan{char}, string, Action{SecretFinding}, IReadOnlyList{int}?, string?)"/> on the decoded text.
    /// </summary>
    public void ScanBytes(ReadOnlySpan<byte> bytes, string file, Action<SecretFinding> add)
    {
        if (_prefilter is null)
        {
            ScanText(Encoding.UTF8.GetString(bytes), file, add);
            return;
        }

        var state = new LineState();
        var lineIndex = 0;
        var counted = 0;
        var position = 0;
        while (position < bytes.Length)
        {
            var found = _prefilter.IndexOf(bytes[position..]);
            if (found < 0)
            {
                break;
            }

            var hit = position + found;
            var start = bytes[..hit].LastIndexOf((byte)'\n') + 1;
            var end = bytes[hit..].IndexOf((byte)'\n');
            end = end < 0 ? bytes.Length : hit + end;
            lineIndex += bytes[counted..start].Count((byte)'\n');
            counted = start;
            var line = Encoding.UTF8.GetString(bytes[start..end]);

            // The window a spanning rule reads: as many characters as ScanText gives it (16 K), taken as bytes.
            var text = line;
            foreach (var rule in _spanningRules)
            {
                if (HasKeyword(line, rule))
                {
                    text = Encoding.UTF8.GetString(bytes[start..Math.Min(bytes.Length, start + 16 * 1024)]);
                    break;
                }
            }

            ScanLine(text, 0, line.Length, file, lineIndex + 1, null, state, start);
            position = end + 1;
        }

        foreach (var finding in state.Pending)
        {
            add(finding);
        }
    }

    private sealed class LineState
    {
        public HashSet<(string Rule, int Start)> Seen { get; } = [];
        public List<(int Start, int End)> Found { get; } = [];
        public List<SecretFinding> Pending { get; } = [];
    }

    // lineByteOffset: set when text is one decoded line (and what follows) of a byte scan; positions
    // that tell findings apart are then byte offsets in the file.
    private void ScanLine(ReadOnlySpan<char> text, int start, int end, string file, int lineNumber, string? commit, LineState state, int? lineByteOffset = null)
    {
        var line = text[start..end];
        string? lineText = null, window = null;
        foreach (var rule in _rules)
        {
            if (!HasKeyword(line, rule))
            {
                continue;
            }

            // Regex groups need a string: made once per candidate line, and only for candidate lines.
            string subject;
            if (rule.SpansLines)
            {
                subject = window ??= new string(text[start..Math.Min(text.Length, start + 16 * 1024)]);
            }
            else
            {
                subject = lineText ??= new string(line);
            }

            try
            {
                foreach (System.Text.RegularExpressions.Match match in rule.Pattern.Matches(subject))
                {
                    if (match.Index > line.Length)
                    {
                        break;
                    }

                    var group = match.Groups[rule.SecretGroup];
                    var secret = group.Value;
                    var absolute = lineByteOffset is int offset ? offset + Encoding.UTF8.GetByteCount(subject.AsSpan(0, group.Index)) : start + group.Index;
                    if (secret.Length == 0 || (rule.Accept is not null && !rule.Accept(secret)) || SecretMask.Entropy(secret) < rule.MinEntropy || _allowValue?.Invoke(secret) == true)
                    {
                        continue;
                    }

                    // A generic (warning) finding inside a known secret is the same leak, reported once.
                    var width = lineByteOffset is null ? secret.Length : Encoding.UTF8.GetByteCount(secret);
                    if (rule.WarnOnly && state.Found.Exists(f => absolute < f.End && absolute + width > f.Start))
                    {
                        continue;
                    }

                    if (!state.Seen.Add((rule.Id, absolute)))
                    {
                        continue;
                    }

                    state.Found.Add((absolute, absolute + width));
                    var column = (rule.SpansLines ? match.Index : group.Index) + 1;
                    state.Pending.Add(new SecretFinding(rule.Id, rule.Description, file, lineNumber, column, SecretMask.Mask(secret), SecretMask.Fingerprint(rule.Id, file, secret), rule.WarnOnly, commit));
                }
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
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
