using System.Text;

namespace Greenlight.Import;

/// <summary>
/// Splits a SQL block at top-level semicolons (outside quotes, dollar quotes and comments) and
/// names each statement's first keyword, which is all the import needs to tell a query from a change.
/// </summary>
internal static class SqlStatements
{
    public static List<(string Text, string Keyword, int LineOffset)> Split(string sql)
    {
        var statements = new List<(string, string, int)>();
        var current = new StringBuilder();
        var startLine = 0;
        var line = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (current.ToString().Trim().Length == 0 && !char.IsWhiteSpace(c) && !(c == '-' && Peek(sql, i + 1) == '-'))
            {
                startLine = line;
            }

            if (c == '\n')
            {
                line++;
            }

            if (c == '-' && Peek(sql, i + 1) == '-')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                if (current.ToString().Trim().Length > 0)
                {
                    current.Append(sql, i, end - i);
                }

                i = end;
                continue;
            }

            if (c == '/' && Peek(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + 2;
                line += sql[i..end].Count(ch => ch == '\n');
                i = end;
                current.Append(' ');
                continue;
            }

            if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < sql.Length && !(sql[end] == c && Peek(sql, end + 1) != c))
                {
                    end += sql[end] == c ? 2 : 1;
                }

                end = Math.Min(end + 1, sql.Length);
                line += sql[i..end].Count(ch => ch == '\n');
                current.Append(sql, i, end - i);
                i = end;
                continue;
            }

            if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + tag.Length;
                line += sql[i..end].Count(ch => ch == '\n');
                current.Append(sql, i, end - i);
                i = end;
                continue;
            }

            if (c == ';')
            {
                Add(current.ToString(), startLine);
                current.Clear();
                i++;
                continue;
            }

            current.Append(c);
            i++;
        }

        Add(current.ToString(), startLine);
        return statements;

        void Add(string text, int offset)
        {
            var trimmed = text.Trim();
            if (trimmed.Length > 0)
            {
                var keyword = new string([.. trimmed.TakeWhile(char.IsLetter)]).ToUpperInvariant();
                statements.Add((trimmed, keyword, offset));
            }
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

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static string? DollarTag(string sql, int i)
    {
        var end = i + 1;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' && (end == i + 1 || !char.IsDigit(sql[i + 1])) ? sql[i..(end + 1)] : null;
    }
}
