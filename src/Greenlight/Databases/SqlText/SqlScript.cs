namespace Greenlight.Databases.SqlText;

/// <summary>A SQL text split into statements, with its comments (for per-statement directives).</summary>
internal sealed record SqlScript(string Text, IReadOnlyList<SqlStatement> Statements, IReadOnlyList<SqlToken> Comments)
{
    /// <summary>Splits <paramref name="text"/>; an unterminated string or comment throws <see cref="SqlSyntaxException"/>.</summary>
    public static SqlScript Parse(string text, bool namedParameters = false) => SqlSplitter.Split(text, namedParameters);
}
