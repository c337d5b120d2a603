using Greenlight.Databases.SqlText;

namespace Greenlight.Import;

/// <summary>
/// Splits a SQL block into statements with the same PostgreSQL lexer the sql and migration kinds use
/// (<see cref="SqlSplitter"/>) and names each statement's first keyword, which is all the import needs
/// to tell a query from a change. A block the lexer refuses (an unterminated quote in pasted notes) is
/// one statement, so the import still sees what it starts with.
/// </summary>
internal static class SqlStatements
{
    public static List<(string Text, string Keyword, int LineOffset)> Split(string sql)
    {
        try
        {
            return [.. SqlSplitter.Split(sql).Statements.Select(s => (s.Text.Trim(), s.Verb.ToUpperInvariant(), s.Line - 1))];
        }
        catch (SqlSyntaxException)
        {
            var trimmed = sql.Trim();
            var skipped = sql.Length - sql.TrimStart().Length;
            return trimmed.Length == 0 ? [] : [(trimmed, new string([.. trimmed.TakeWhile(char.IsLetter)]).ToUpperInvariant(), sql[..skipped].Count(c => c == '\n'))];
        }
    }

    /// <summary>Whether a first word starts a SQL statement at all (a block may hold notes or server output).</summary>
    public static bool IsStatement(string keyword) => Statements.Contains(keyword);

    private static readonly HashSet<string> Statements = new(StringComparer.Ordinal)
    {
        "SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN", "INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "ALTER", "DROP", "TRUNCATE",
        "GRANT", "REVOKE", "COMMENT", "BEGIN", "COMMIT", "ROLLBACK", "END", "DO", "SET", "RESET", "ANALYZE", "VACUUM", "REINDEX", "CLUSTER",
        "COPY", "LOCK", "CALL", "REFRESH", "START", "SAVEPOINT", "RELEASE", "NOTIFY", "LISTEN", "PREPARE", "EXECUTE", "DEALLOCATE", "DISCARD",
    };

    public static bool IsQuery(string keyword) => keyword is "SELECT" or "WITH" or "VALUES" or "TABLE" or "SHOW" or "EXPLAIN";
}
