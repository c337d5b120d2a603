namespace Greenlight.Databases.SqlText;

/// <summary>
/// One token of SQL text: its kind, its value (lower-cased for words, unquoted for identifiers and
/// strings), and where it starts (offset from 0, line and column from 1) and ends.
/// </summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Value, int Offset, int Length, int Line, int Column)
{
    public int End => Offset + Length;

    public bool IsComment => Kind is SqlTokenKind.LineComment or SqlTokenKind.BlockComment;

    /// <summary>True for an unquoted word equal to one of <paramref name="words"/> (given in lower case).</summary>
    public bool Is(params string[] words) => Kind == SqlTokenKind.Word && Array.IndexOf(words, Value) >= 0;

    /// <summary>A name as PostgreSQL resolves it: unquoted words folded to lower case, quoted ones as written.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
