using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// SQL found anywhere in a document (a ```sql block, <c>psql -c</c>, a heredoc, <c>cursor.execute("…")</c>)
/// becomes checks the same way: a query is a <c>sql</c> check with the assertions the document
/// states; a change is never run as a check — in the rollback plan it is a step, elsewhere it is listed.
/// </summary>
internal static partial class SqlChecks
{
    public static void Import(string sql, int line, CodeContext block, IReadOnlyList<string> expectations, ImportSession session, string? title = null)
    {
        var statements = SqlStatements.Split(sql);
        if (statements.Count == 0)
        {
            return;
        }

        if (block.Phase == ImportPhase.Rollback)
        {
            if (statements.Any(s => !SqlStatements.IsQuery(s.Keyword) && SqlStatements.IsStatement(s.Keyword)))
            {
                session.Items++;
                session.Rollback.Add(new ImportedRollbackStep(line, $"psql \"${{DATABASE_URL}}\" -v ON_ERROR_STOP=1 <<'SQL'\n{sql.Trim()}\nSQL", "SQL from the rollback plan"));
                session.UseDatabase();
            }

            return;
        }

        var queries = statements.Where(s => SqlStatements.IsQuery(s.Keyword)).ToList();
        var comments = SqlComments().Matches(sql).Select(m => m.Groups["text"].Value).ToList();
        foreach (var change in statements.Where(s => !SqlStatements.IsQuery(s.Keyword)))
        {
            if (!SqlStatements.IsStatement(change.Keyword))
            {
                session.Items++;
                session.Skip(line + change.LineOffset, change.Text, "not a SQL statement (notes or printed output in a SQL block)");
                continue;
            }

            session.Items++;
            session.Skip(line + change.LineOffset, change.Text, $"{change.Keyword} changes the database: Greenlight never runs it as a check (dry-run it with a `migration` check, or keep it for the rollback plan)");
        }

        var index = 0;
        foreach (var (text, _, offset) in queries)
        {
            session.Items++;
            index++;
            var check = new ImportedCheck
            {
                Kind = "sql",
                Title = queries.Count > 1 ? $"{block.Title(title)} ({index} of {queries.Count})" : block.Title(title),
                Line = line + offset,
                Phase = block.Phase,
                Area = "DB",
            };
            check.Set("target", session.UseDatabase());
            check.Set("query", text);
            var (assertions, leftOver) = ExpectationPhrases.ForSql([.. expectations, .. comments], text);
            check.Expect.AddRange(assertions.Distinct());
            if (check.Expect.Count == 0)
            {
                check.Notes.Add("the document states no expected result: this check proves only that the query runs and returns a row");
            }

            foreach (var rest in leftOver)
            {
                check.Notes.Add($"not converted (say it as an assertion if it matters): {rest}");
            }

            foreach (Match table in Tables().Matches(text))
            {
                check.Keys.Add(table.Groups["name"].Value.Split('.')[^1]);
            }

            foreach (Match name in QuotedNames().Matches(text))
            {
                check.Keys.Add(name.Groups["name"].Value);
            }

            foreach (var assertion in check.Expect)
            {
                if (RowsNumber().Match(assertion) is { Success: true } n)
                {
                    check.Keys.Add(n.Groups["n"].Value + " rows");
                }
            }

            session.Add(check);
        }
    }

    [GeneratedRegex(@"--\s*(?<text>[^\n]+)")]
    private static partial Regex SqlComments();

    [GeneratedRegex(@"\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+(?<name>[A-Za-z_][A-Za-z0-9_.]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Tables();

    [GeneratedRegex(@"'(?<name>[A-Za-z_][A-Za-z0-9_\-]*)'")]
    private static partial Regex QuotedNames();

    [GeneratedRegex(@"rows == (?<n>\d+)")]
    private static partial Regex RowsNumber();
}
