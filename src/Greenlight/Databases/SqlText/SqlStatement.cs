namespace Greenlight.Databases.SqlText;

/// <summary>
/// One statement of a script: its text without the closing semicolon, its tokens (comments left
/// out) and where it starts (its first token) and ends.
/// </summary>
internal sealed record SqlStatement(int Index, string Text, IReadOnlyList<SqlToken> Tokens, int Offset, int Line, int Column, int EndLine)
{
    /// <summary>The first word, lower-cased ("select", "alter"), or "" when it starts otherwise.</summary>
    public string Verb => Tokens.Count > 0 && Tokens[0].Kind == SqlTokenKind.Word ? Tokens[0].Value : "";

    /// <summary>Word <paramref name="index"/> of the statement, lower-cased, or "".</summary>
    public string Word(int index) => index < Tokens.Count && Tokens[index].Kind == SqlTokenKind.Word ? Tokens[index].Value : "";

    /// <summary>The text on one line with runs of whitespace as one space, cut to <paramref name="limit"/> characters.</summary>
    public string OneLine(int limit = 200)
    {
        var squashed = string.Join(' ', Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return squashed.Length <= limit ? squashed : squashed[..(limit - 1)] + "…";
    }
}
