namespace Greenlight.Databases.SqlText;

/// <summary>What a piece of SQL text is, as the PostgreSQL lexer sees it.</summary>
internal enum SqlTokenKind
{
    /// <summary>A keyword or an unquoted identifier; <see cref="SqlToken.Value"/> is lower-cased.</summary>
    Word,

    /// <summary>A "quoted identifier"; <see cref="SqlToken.Value"/> is the name without quotes.</summary>
    QuotedIdentifier,

    /// <summary>A string constant: '…', E'…', U&amp;'…', B'…', X'…' or $tag$…$tag$; the value is its content.</summary>
    String,
    Number,

    /// <summary>A positional parameter ($1) or a named one (@name, :name).</summary>
    Parameter,
    Operator,
    OpenParen,
    CloseParen,
    Comma,
    Semicolon,
    Dot,

    /// <summary>Any other single character: [ ] :: and the like.</summary>
    Punctuation,
    LineComment,
    BlockComment,
}
