namespace Greenlight.Import;

/// <summary>
/// One command of a shell block: its text (continuation lines joined), its words, a heredoc body
/// if it has one, the comment just above it (a title) and the comments just after it ("# Expected: …").
/// </summary>
internal sealed record ShellCommand(int Line, string Text, IReadOnlyList<string> Words, string? Heredoc, string? Title, IReadOnlyList<string> After)
{
    public string Program => Words.Count == 0 ? "" : Path.GetFileName(Words[0]);

    /// <summary>The value after an option such as <c>-X</c> or <c>--request</c>; null when absent.</summary>
    public string? Option(params string[] names)
    {
        for (var i = 0; i < Words.Count - 1; i++)
        {
            if (names.Contains(Words[i], StringComparer.Ordinal))
            {
                return Words[i + 1];
            }
        }

        foreach (var word in Words)
        {
            foreach (var name in names.Where(n => n.StartsWith("--", StringComparison.Ordinal)))
            {
                if (word.StartsWith(name + "=", StringComparison.Ordinal))
                {
                    return word[(name.Length + 1)..];
                }
            }
        }

        return null;
    }

    public IEnumerable<string> Options(params string[] names)
    {
        for (var i = 0; i < Words.Count - 1; i++)
        {
            if (names.Contains(Words[i], StringComparer.Ordinal))
            {
                yield return Words[i + 1];
            }
        }
    }
}
