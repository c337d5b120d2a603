using System.Text;

namespace Greenlight.Databases.SqlText;

/// <summary>
/// A PostgreSQL lexer, written by hand (no maintained PostgreSQL parser package restores from this
/// NuGet feed): standard strings with doubled quotes, E'' strings with backslash escapes, U&amp;'',
/// B'' and X'' constants, dollar quoting with tags, nested block comments, quoted identifiers with
/// doubled quotes, positional parameters. It never fails on what it does not know: an unknown
/// character is punctuation. Only unterminated strings, identifiers and comments are errors.
/// </summary>
internal static class SqlLexer
{
    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    /// <summary>The tokens of <paramref name="text"/>, comments included. <paramref name="namedParameters"/> reads @name as a parameter.</summary>
    public static List<SqlToken> Tokenize(string text, bool namedParameters = false)
    {
        var tokens = new List<SqlToken>();
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var pos = 0;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsWhiteSpace(c))
            {
                pos++;
                continue;
            }

            var start = pos;
            SqlTokenKind kind;
            string value;
            if (c == '-' && Peek(text, pos + 1) == '-')
            {
                var end = text.IndexOf('\n', pos);
                end = end < 0 ? text.Length : end;
                kind = SqlTokenKind.LineComment;
                value = text[(pos + 2)..end].TrimEnd('\r');
                pos = end;
            }
            else if (c == '/' && Peek(text, pos + 1) == '*')
            {
                pos = SkipBlockComment(text, pos, lineStarts);
                kind = SqlTokenKind.BlockComment;
                value = text[(start + 2)..(pos - 2)];
            }
            else if (c == '\'')
            {
                (value, pos) = ReadQuoted(text, pos, '\'', backslashEscapes: false, lineStarts, "string");
                kind = SqlTokenKind.String;
            }
            else if ((c is 'e' or 'E') && Peek(text, pos + 1) == '\'')
            {
                (value, pos) = ReadQuoted(text, pos + 1, '\'', backslashEscapes: true, lineStarts, "string");
                kind = SqlTokenKind.String;
            }
            else if ((c is 'b' or 'B' or 'x' or 'X' or 'n' or 'N') && Peek(text, pos + 1) == '\'')
            {
                (value, pos) = ReadQuoted(text, pos + 1, '\'', backslashEscapes: false, lineStarts, "string");
                kind = SqlTokenKind.String;
            }
            else if ((c is 'u' or 'U') && Peek(text, pos + 1) == '&' && Peek(text, pos + 2) is '\'' or '"')
            {
                var quote = text[pos + 2];
                (value, pos) = ReadQuoted(text, pos + 2, quote, backslashEscapes: false, lineStarts, quote == '"' ? "quoted identifier" : "string");
                kind = quote == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String;
            }
            else if (c == '"')
            {
                (value, pos) = ReadQuoted(text, pos, '"', backslashEscapes: false, lineStarts, "quoted identifier");
                kind = SqlTokenKind.QuotedIdentifier;
            }
            else if (c == '$' && char.IsAsciiDigit(Peek(text, pos + 1)))
            {
                pos++;
                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    pos++;
                }

                kind = SqlTokenKind.Parameter;
                value = text[start..pos];
            }
            else if (c == '$' && TryDollarTag(text, pos, out var tag))
            {
                var bodyStart = pos + tag.Length;
                var close = text.IndexOf(tag, bodyStart, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Error($"unterminated dollar-quoted string: no closing {tag}", start, lineStarts);
                }

                value = text[bodyStart..close];
                pos = close + tag.Length;
                kind = SqlTokenKind.String;
            }
            else if (IsIdentifierStart(c))
            {
                pos++;
                while (pos < text.Length && IsIdentifierPart(text[pos]))
                {
                    pos++;
                }

                kind = SqlTokenKind.Word;
                value = text[start..pos].ToLowerInvariant();
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(text, pos + 1))))
            {
                pos = ReadNumber(text, pos);
                kind = SqlTokenKind.Number;
                value = text[start..pos];
            }
            else if (namedParameters && c == '@' && IsIdentifierStart(Peek(text, pos + 1)))
            {
                pos++;
                while (pos < text.Length && IsIdentifierPart(text[pos]) && text[pos] != '$')
                {
                    pos++;
                }

                kind = SqlTokenKind.Parameter;
                value = text[start..pos];
            }
            else if (OperatorChars.Contains(c, StringComparison.Ordinal))
            {
                pos++;
                while (pos < text.Length && OperatorChars.Contains(text[pos], StringComparison.Ordinal) &&
                       !(text[pos] == '-' && Peek(text, pos + 1) == '-') && !(text[pos] == '/' && Peek(text, pos + 1) == '*'))
                {
                    pos++;
                }

                kind = SqlTokenKind.Operator;
                value = text[start..pos];
            }
            else
            {
                pos++;
                (kind, value) = c switch
                {
                    '(' => (SqlTokenKind.OpenParen, "("),
                    ')' => (SqlTokenKind.CloseParen, ")"),
                    ',' => (SqlTokenKind.Comma, ","),
                    ';' => (SqlTokenKind.Semicolon, ";"),
                    '.' => (SqlTokenKind.Dot, "."),
                    ':' when Peek(text, pos) == ':' => (SqlTokenKind.Punctuation, "::"),
                    _ => (SqlTokenKind.Punctuation, c.ToString()),
                };
                if (value == "::")
                {
                    pos++;
                }
            }

            var (line, column) = Position(start, lineStarts);
            tokens.Add(new SqlToken(kind, value, start, pos - start, line, column));
        }

        return tokens;
    }

    /// <summary>Line and column (from 1) of an offset.</summary>
    public static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static (int Line, int Column) Position(int offset, List<int> lineStarts)
    {
        var index = lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - lineStarts[index] + 1);
    }

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > 127;

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$' || c > 127;

    private static bool TryDollarTag(string text, int pos, out string tag)
    {
        // $$ or $tag$ where tag is an identifier without $ (it cannot start with a digit).
        var end = pos + 1;
        if (end < text.Length && IsIdentifierStart(text[end]))
        {
            while (end < text.Length && IsIdentifierPart(text[end]) && text[end] != '$')
            {
                end++;
            }
        }

        if (end < text.Length && text[end] == '$')
        {
            tag = text[pos..(end + 1)];
            return true;
        }

        tag = "";
        return false;
    }

    private static int SkipBlockComment(string text, int pos, List<int> lineStarts)
    {
        var start = pos;
        var depth = 0;
        while (pos < text.Length)
        {
            if (text[pos] == '/' && Peek(text, pos + 1) == '*')
            {
                depth++;
                pos += 2;
            }
            else if (text[pos] == '*' && Peek(text, pos + 1) == '/')
            {
                depth--;
                pos += 2;
                if (depth == 0)
                {
                    return pos;
                }
            }
            else
            {
                pos++;
            }
        }

        throw Error("unterminated block comment: no closing */", start, lineStarts);
    }

    private static (string Value, int End) ReadQuoted(string text, int pos, char quote, bool backslashEscapes, List<int> lineStarts, string what)
    {
        var start = pos;
        var value = new StringBuilder();
        pos++;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (backslashEscapes && c == '\\' && pos + 1 < text.Length)
            {
                value.Append(text[pos + 1]);
                pos += 2;
                continue;
            }

            if (c == quote)
            {
                if (Peek(text, pos + 1) == quote)
                {
                    value.Append(quote);
                    pos += 2;
                    continue;
                }

                return (value.ToString(), pos + 1);
            }

            value.Append(c);
            pos++;
        }

        throw Error($"unterminated {what}: no closing {quote}", start, lineStarts);
    }

    private static int ReadNumber(string text, int pos)
    {
        while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '_'))
        {
            pos++;
        }

        if (Peek(text, pos) == '.' && Peek(text, pos + 1) != '.')
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        if (Peek(text, pos) is 'e' or 'E' && (char.IsAsciiDigit(Peek(text, pos + 1)) || (Peek(text, pos + 1) is '+' or '-' && char.IsAsciiDigit(Peek(text, pos + 2)))))
        {
            pos += 2;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        return pos;
    }

    private static SqlSyntaxException Error(string message, int offset, List<int> lineStarts)
    {
        var (line, column) = Position(offset, lineStarts);
        return new SqlSyntaxException(message, offset, line, column);
    }
}
