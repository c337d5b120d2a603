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
    private readonly bool _everyLine;
    private readonly bool _dotEnv;

    private readonly Func<string, bool>? _allowValue;

    // Files are searched as bytes when every keyword allows it; only candidate lines are decoded.
    private readonly KeywordPrefilter? _prefilter;
    private readonly SecretRule[] _spanningRules;

    // The char searches, built on first use: for every file when there is no prefilter, and only
    // for a history scan (the text of diffs) when there is one.
    private SearchValues<string>[]? _searches;

    // allowValue: true for a value the allow-list accepts (a test fixture's fake key).
    public SecretScanner(IReadOnlyList<SecretRule> rules, long maxFileSize, Func<string, bool>? allowValue = null)
    {
        _rules = [.. rules.Where(r => r.Id != BuiltInSecretRules.DotEnvId).OrderBy(r => r.WarnOnly)];
        _dotEnv = rules.Any(r => r.Id == BuiltInSecretRules.DotEnvId);
        _allowValue = allowValue;
        MaxFileSize = maxFileSize;
        _everyLine = _rules.Any(r => r.Keywords.Count == 0);
        _prefilter = KeywordPrefilter.TryCreate(_rules);
        _spanningRules = [.. _rules.Where(r => r.SpansLines)];
    }

    private SearchValues<string>[] Searches => LazyInitializer.EnsureInitialized(ref _searches, BuildSearches);

    private SearchValues<string>[] BuildSearches()
    {
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
        return [.. searches];
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
        var lines = new Utf16Lines(span, _everyLine ? null : Searches);
        Scan(ref lines, file, add, lineNumbers, commit);
    }

    /// <summary>
    /// Finds secrets in UTF-8 text without decoding it: the keyword search runs on the bytes and only
    /// the lines it hits (and, for a rule that spans lines, the text after them) are decoded, into one
    /// buffer per file. Findings are the same as <see cref="ScanText(ReadOnlySpan{char}, string, Action{SecretFinding}, IReadOnlyList{int}?, string?)"/> on the decoded text.
    /// </summary>
    public void ScanBytes(ReadOnlySpan<byte> bytes, string file, Action<SecretFinding> add)
    {
        if (_prefilter is null)
        {
            ScanText(Encoding.UTF8.GetString(bytes), file, add);
            return;
        }

        var lines = new Utf8Lines(bytes, _prefilter);
        try
        {
            Scan(ref lines, file, add, null, null);
        }
        finally
        {
            lines.Dispose();
        }
    }

    // The one line loop of both scans: from each keyword hit to its line, the rules on that line.
    private void Scan<TLines>(scoped ref TLines lines, string file, Action<SecretFinding> add, IReadOnlyList<int>? lineNumbers, string? commit)
        where TLines : struct, ILines, allows ref struct
    {
        var state = new LineState();
        var lineIndex = 0;
        var counted = 0;
        var position = 0;
        while (position < lines.Length)
        {
            var hit = lines.NextCandidate(position);
            if (hit < 0)
            {
                break;
            }

            var start = lines.LineStart(hit);
            var end = lines.LineEnd(hit);
            lineIndex += lines.CountNewlines(counted, start);
            counted = start;
            var line = lines.Line(start, end);
            var window = line;
            foreach (var rule in _spanningRules)
            {
                if (HasKeyword(line, rule))
                {
                    window = lines.Window(start, end);
                    break;
                }
            }

            var lineNumber = lineNumbers is null ? lineIndex + 1 : lineNumbers[Math.Min(lineIndex, lineNumbers.Count - 1)];
            ScanLine(line, window, start, lines.OffsetsAreBytes, file, lineNumber, commit, state);
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

    // window: the line and what follows it, for a rule that spans lines. lineStart and the positions
    // that tell findings apart count in the text's own units (bytes when offsetsAreBytes).
    private void ScanLine(ReadOnlySpan<char> line, ReadOnlySpan<char> window, int lineStart, bool offsetsAreBytes, string file, int lineNumber, string? commit, LineState state)
    {
        string? lineText = null, windowText = null;
        foreach (var rule in _rules)
        {
            if (!HasKeyword(line, rule))
            {
                continue;
            }

            try
            {
                // Most lines with a keyword hold no secret: the regex tries the span first, and the
                // string its groups need is made only for a line it matches.
                if (!rule.Pattern.IsMatch(rule.SpansLines ? window : line))
                {
                    continue;
                }

                var subject = rule.SpansLines ? windowText ??= new string(window) : lineText ??= new string(line);
                foreach (System.Text.RegularExpressions.Match match in rule.Pattern.Matches(subject))
                {
                    if (match.Index > line.Length)
                    {
                        break;
                    }

                    var group = match.Groups[rule.SecretGroup];
                    var secret = group.Value;
                    if (secret.Length == 0 || (rule.Accept is not null && !rule.Accept(secret)) || SecretMask.Entropy(secret) < rule.MinEntropy || _allowValue?.Invoke(secret) == true)
                    {
                        continue;
                    }

                    var absolute = lineStart + (offsetsAreBytes ? Encoding.UTF8.GetByteCount(subject.AsSpan(0, group.Index)) : group.Index);
                    var width = offsetsAreBytes ? Encoding.UTF8.GetByteCount(secret) : secret.Length;

                    // A generic (warning) finding inside a known secret is the same leak, reported once.
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

    // What the line loop needs of a text: where keywords hit, where lines start and end, and a line
    // as characters. Implemented for chars (a history diff, rules the byte search cannot take) and
    // for UTF-8 bytes (files).
    private interface ILines
    {
        int Length { get; }

        bool OffsetsAreBytes { get; }

        /// <summary>The first keyword hit at or after position, or -1.</summary>
        int NextCandidate(int position);

        int LineStart(int hit);

        int LineEnd(int hit);

        int CountNewlines(int from, int to);

        ReadOnlySpan<char> Line(int start, int end);

        /// <summary>The line just returned by <see cref="Line"/> and up to WindowLength units of the text after it.</summary>
        ReadOnlySpan<char> Window(int start, int end);
    }

    // A rule that spans lines (a key block) reads this much text after its line: counted from the
    // line's end, so a key block at the end of a long line still has its body.
    private const int WindowLength = 16 * 1024;

    private ref struct Utf16Lines(ReadOnlySpan<char> text, SearchValues<string>[]? searches) : ILines
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly SearchValues<string>[]? _searches = searches;

        // The next hit of each search, kept until passed, so each search runs over the text once; null: every line.
        private readonly int[]? _next = searches is null ? null : [.. searches.Select(_ => -1)];

        public readonly int Length => _text.Length;

        public readonly bool OffsetsAreBytes => false;

        public readonly int NextCandidate(int position)
        {
            if (_searches is null || _next is null)
            {
                return position;
            }

            var hit = int.MaxValue;
            for (var i = 0; i < _searches.Length; i++)
            {
                if (_next[i] < position && _next[i] != int.MaxValue)
                {
                    var found = _text[position..].IndexOfAny(_searches[i]);
                    _next[i] = found < 0 ? int.MaxValue : position + found;
                }

                hit = Math.Min(hit, _next[i]);
            }

            return hit == int.MaxValue ? -1 : hit;
        }

        public readonly int LineStart(int hit) => _text[..hit].LastIndexOf('\n') + 1;

        public readonly int LineEnd(int hit) => _text[hit..].IndexOf('\n') is var end and >= 0 ? hit + end : _text.Length;

        public readonly int CountNewlines(int from, int to) => _text[from..to].Count('\n');

        public readonly ReadOnlySpan<char> Line(int start, int end) => _text[start..end];

        public readonly ReadOnlySpan<char> Window(int start, int end) => _text[start..Math.Min(_text.Length, end + WindowLength)];
    }

    private ref struct Utf8Lines(ReadOnlySpan<byte> bytes, KeywordPrefilter prefilter) : ILines, IDisposable
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        // Decoded lines, rented when the first keyword hits: UTF-8 never decodes to more chars than bytes.
        private char[]? _chars;
        private int _lineChars;

        public readonly int Length => _bytes.Length;

        public readonly bool OffsetsAreBytes => true;

        public readonly int NextCandidate(int position) => prefilter.IndexOf(_bytes[position..]) is var found and >= 0 ? position + found : -1;

        public readonly int LineStart(int hit) => _bytes[..hit].LastIndexOf((byte)'\n') + 1;

        public readonly int LineEnd(int hit) => _bytes[hit..].IndexOf((byte)'\n') is var end and >= 0 ? hit + end : _bytes.Length;

        public readonly int CountNewlines(int from, int to) => _bytes[from..to].Count((byte)'\n');

        public ReadOnlySpan<char> Line(int start, int end)
        {
            _chars ??= ArrayPool<char>.Shared.Rent(_bytes.Length);
            _lineChars = Encoding.UTF8.GetChars(_bytes[start..end], _chars);
            return _chars.AsSpan(0, _lineChars);
        }

        // The line ends before a newline byte, so what follows decodes on from the line's last char.
        public readonly ReadOnlySpan<char> Window(int start, int end)
        {
            var chars = _chars!;
            var to = Math.Min(_bytes.Length, end + WindowLength);
            var more = Encoding.UTF8.GetChars(_bytes[end..to], chars.AsSpan(_lineChars));
            return chars.AsSpan(0, _lineChars + more);
        }

        public void Dispose()
        {
            if (_chars is not null)
            {
                ArrayPool<char>.Shared.Return(_chars);
                _chars = null;
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
