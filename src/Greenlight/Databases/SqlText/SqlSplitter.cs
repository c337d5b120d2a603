namespace Greenlight.Databases.SqlText;

/// <summary>
/// Splits SQL into statements at top-level semicolons, the way the server sees them: semicolons in
/// strings, dollar-quoted bodies, comments, quoted identifiers and parentheses do not count, nor
/// those inside a <c>BEGIN ATOMIC … END</c> function body (where CASE … END nests).
/// </summary>
internal static class SqlSplitter
{
    public static SqlScript Split(string text, bool namedParameters = false)
    {
        var all = SqlLexer.Tokenize(text, namedParameters);
        var statements = new List<SqlStatement>();
        var comments = all.Where(t => t.IsComment).ToList();
        var current = new List<SqlToken>();
        var parens = 0;
        var atomic = 0;
        foreach (var token in all)
        {
            if (token.IsComment)
            {
                continue;
            }

            switch (token.Kind)
            {
                case SqlTokenKind.OpenParen:
                    parens++;
                    break;
                case SqlTokenKind.CloseParen:
                    parens = Math.Max(0, parens - 1);
                    break;
                case SqlTokenKind.Word when atomic == 0 && token.Value == "atomic" && current.Count > 0 && current[^1].Is("begin") && current[0].Is("create"):
                    atomic = 1;
                    break;
                case SqlTokenKind.Word when atomic > 0 && token.Value == "case":
                    atomic++;
                    break;
                case SqlTokenKind.Word when atomic > 0 && token.Value == "end":
                    atomic--;
                    break;
                case SqlTokenKind.Semicolon when parens == 0 && atomic == 0:
                    Flush();
                    continue;
            }

            current.Add(token);
        }

        Flush();
        return new SqlScript(text, statements, comments);

        void Flush()
        {
            if (current.Count > 0)
            {
                var first = current[0];
                var last = current[^1];
                var endLine = last.Line + text.AsSpan(last.Offset, last.Length).Count('\n');
                statements.Add(new SqlStatement(statements.Count, text[first.Offset..last.End], [.. current], first.Offset, first.Line, first.Column, endLine));
            }

            current = [];
            parens = 0;
            atomic = 0;
        }
    }
}
