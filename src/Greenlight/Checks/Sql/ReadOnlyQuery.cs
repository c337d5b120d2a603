using System.Text;
using Greenlight.Databases;
using Greenlight.Databases.SqlText;

namespace Greenlight.Checks.Sql;

/// <summary>
/// Decides at load whether a sql check's text may run: exactly one statement, of an allowed form,
/// with no refused side effect (see <see cref="SqlSideEffects"/>). For PostgreSQL it also rewrites
/// @name parameters to $n, so the text is sent as one prepared statement, which the server itself
/// refuses to hold more than one statement.
/// </summary>
internal sealed class ReadOnlyQuery
{
    private static readonly string[] PostgresForms = ["select", "with", "values", "table", "show", "explain"];
    private static readonly string[] SqliteForms = ["select", "with", "values", "explain", "pragma"];
    private static readonly string[] ReadPragmas =
    [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list", "foreign_key_check",
        "integrity_check", "quick_check", "database_list", "collation_list", "function_list", "module_list", "pragma_list", "compile_options",
        "page_count", "page_size", "freelist_count", "user_version", "application_id", "schema_version", "data_version", "encoding",
    ];

    private ReadOnlyQuery(string text, IReadOnlyList<string> parameterOrder)
    {
        Text = text;
        ParameterOrder = parameterOrder;
    }

    /// <summary>The text to send: for PostgreSQL with $1, $2 … in place of @name.</summary>
    public string Text { get; }

    /// <summary>For PostgreSQL, the parameter names in $n order.</summary>
    public IReadOnlyList<string> ParameterOrder { get; }

    /// <summary>Checks and prepares a query; problems are (offset in the query, message).</summary>
    public static ReadOnlyQuery? Prepare(string query, DatabaseEngine engine, IReadOnlyCollection<string> parameterNames, List<(int Offset, string Message)> problems)
    {
        SqlScript script;
        try
        {
            script = SqlScript.Parse(query, namedParameters: parameterNames.Count > 0);
        }
        catch (SqlSyntaxException ex)
        {
            problems.Add((ex.Offset, $"`query`: {ex.Message}"));
            return null;
        }

        if (script.Statements.Count == 0)
        {
            problems.Add((0, "`query` holds no SQL statement"));
            return null;
        }

        if (script.Statements.Count > 1)
        {
            var second = script.Statements[1];
            problems.Add((second.Offset, $"`query` must be exactly one statement, and a second one starts here (`{second.OneLine(60)}`): a sql check runs one read-only statement; split it into two checks"));
            return null;
        }

        var statement = script.Statements[0];
        var before = problems.Count;
        CheckForm(statement, engine, problems);
        CheckFunctions(statement, problems);
        var order = new List<string>();
        foreach (var token in statement.Tokens.Where(t => t.Kind == SqlTokenKind.Parameter && t.Value.StartsWith('@')))
        {
            var name = token.Value[1..];
            if (!parameterNames.Contains(name))
            {
                problems.Add((token.Offset, $"`query` uses {token.Value}, but `params` has no `{name}` (params: {string.Join(", ", parameterNames)})"));
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        if (engine == DatabaseEngine.Sqlite)
        {
            return new ReadOnlyQuery(query, []);
        }

        // $n in place of @name, outside strings and comments (the lexer knows which is which).
        var text = new StringBuilder();
        var last = 0;
        foreach (var token in statement.Tokens.Where(t => t.Kind == SqlTokenKind.Parameter && t.Value.StartsWith('@')))
        {
            var name = token.Value[1..];
            var index = order.IndexOf(name);
            if (index < 0)
            {
                order.Add(name);
                index = order.Count - 1;
            }

            text.Append(query, last, token.Offset - last).Append('$').Append(index + 1);
            last = token.End;
        }

        text.Append(query, last, query.Length - last);
        return new ReadOnlyQuery(text.ToString(), order);
    }

    private static void CheckForm(SqlStatement statement, DatabaseEngine engine, List<(int, string)> problems)
    {
        var tokens = statement.Tokens;
        var verb = statement.Verb;
        var forms = engine == DatabaseEngine.Sqlite ? SqliteForms : PostgresForms;
        if (tokens[0].Kind == SqlTokenKind.OpenParen)
        {
            verb = tokens.FirstOrDefault(t => t.Kind == SqlTokenKind.Word).Value ?? "";
            if (verb is not ("select" or "values" or "table" or "with"))
            {
                problems.Add((statement.Offset, "`query`: a parenthesised query must be a SELECT"));
            }

            return;
        }

        if (!forms.Contains(verb))
        {
            var refused = SqlSideEffects.Statement(verb);
            var allowed = engine == DatabaseEngine.Sqlite ? "SELECT, WITH … SELECT, VALUES, EXPLAIN and read-only PRAGMAs" : "SELECT, WITH … SELECT, VALUES, TABLE, SHOW and EXPLAIN (without ANALYZE)";
            problems.Add((statement.Offset, refused is null
                ? $"`query`: {verb.ToUpperInvariant()} is not allowed in a sql check: it runs one read-only statement ({allowed})"
                : $"`query`: {verb.ToUpperInvariant()} is refused: {refused.Reason}. A sql check runs one read-only statement ({allowed})"));
            return;
        }

        switch (verb)
        {
            case "explain":
                CheckExplain(statement, problems);
                break;
            case "with":
                CheckWith(statement, 1, problems);
                break;
            case "select":
                CheckSelectInto(statement, 1, problems);
                break;
            case "pragma":
                CheckPragma(statement, problems);
                break;
        }
    }

    private static void CheckExplain(SqlStatement statement, List<(int, string)> problems)
    {
        var tokens = statement.Tokens;
        var i = 1;
        if (i < tokens.Count && tokens[i].Kind == SqlTokenKind.OpenParen)
        {
            var depth = 0;
            for (; i < tokens.Count; i++)
            {
                depth += tokens[i].Kind == SqlTokenKind.OpenParen ? 1 : tokens[i].Kind == SqlTokenKind.CloseParen ? -1 : 0;
                if (tokens[i].Is("analyze", "analyse"))
                {
                    problems.Add((tokens[i].Offset, "`query`: EXPLAIN ANALYZE runs the statement; a sql check may only EXPLAIN it"));
                    return;
                }

                if (depth == 0)
                {
                    i++;
                    break;
                }
            }
        }

        while (i < tokens.Count && tokens[i].Is("analyze", "analyse", "verbose", "query", "plan"))
        {
            if (tokens[i].Is("analyze", "analyse"))
            {
                problems.Add((tokens[i].Offset, "`query`: EXPLAIN ANALYZE runs the statement; a sql check may only EXPLAIN it"));
                return;
            }

            i++;
        }

        if (i >= tokens.Count || !tokens[i].Is("select", "with", "values", "table"))
        {
            problems.Add((i < tokens.Count ? tokens[i].Offset : statement.Offset, "`query`: EXPLAIN may only explain a SELECT, WITH … SELECT, VALUES or TABLE"));
        }
        else if (tokens[i].Is("with"))
        {
            CheckWith(statement, i + 1, problems);
        }
    }

    private static void CheckWith(SqlStatement statement, int start, List<(int, string)> problems)
    {
        var tokens = statement.Tokens;
        var depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.OpenParen)
            {
                // A CTE body: name AS [NOT] [MATERIALIZED] ( … ) must itself read.
                var previous = i > 0 ? tokens[i - 1] : default;
                if ((previous.Is("as", "materialized")) && i + 1 < tokens.Count && tokens[i + 1].Is("insert", "update", "delete", "merge"))
                {
                    problems.Add((tokens[i + 1].Offset, $"`query`: a data-modifying {tokens[i + 1].Value.ToUpperInvariant()} in WITH is not allowed in a read-only check"));
                    return;
                }

                depth++;
            }
            else if (token.Kind == SqlTokenKind.CloseParen)
            {
                depth--;
            }
            else if (depth == 0 && token.Is("select", "values", "table", "insert", "update", "delete", "merge"))
            {
                if (!token.Is("select", "values", "table"))
                {
                    problems.Add((token.Offset, $"`query`: WITH … {token.Value.ToUpperInvariant()} writes; a sql check may only run WITH … SELECT"));
                }
                else if (token.Is("select"))
                {
                    CheckSelectInto(statement, i + 1, problems);
                }

                return;
            }
        }
    }

    private static void CheckSelectInto(SqlStatement statement, int start, List<(int, string)> problems)
    {
        var depth = 0;
        foreach (var token in statement.Tokens.Skip(start))
        {
            depth += token.Kind == SqlTokenKind.OpenParen ? 1 : token.Kind == SqlTokenKind.CloseParen ? -1 : 0;
            if (depth == 0 && token.Is("into"))
            {
                problems.Add((token.Offset, "`query`: SELECT … INTO creates a table; a sql check only reads"));
                return;
            }
        }
    }

    private static void CheckPragma(SqlStatement statement, List<(int, string)> problems)
    {
        var tokens = statement.Tokens;
        var nameIndex = tokens.Count > 3 && tokens[2].Kind == SqlTokenKind.Dot ? 3 : 1;
        var name = nameIndex < tokens.Count ? tokens[nameIndex].Value : "";
        if (tokens.Any(t => t.Kind == SqlTokenKind.Operator && t.Value == "="))
        {
            problems.Add((statement.Offset, $"`query`: PRAGMA {name} = … changes the database or the connection; a sql check may only read a pragma"));
        }
        else if (!ReadPragmas.Contains(name))
        {
            problems.Add((statement.Offset, $"`query`: PRAGMA {name} may change the database or the connection (query_only, journal_mode, writable_schema …); the read-only pragmas are {string.Join(", ", ReadPragmas)}"));
        }
    }

    private static void CheckFunctions(SqlStatement statement, List<(int, string)> problems)
    {
        var tokens = statement.Tokens;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (!tokens[i].IsName || tokens[i + 1].Kind != SqlTokenKind.OpenParen)
            {
                continue;
            }

            var effect = SqlSideEffects.Function(tokens[i].Value);
            if (effect is null || (effect.Name == "set_config" && IsLocalSetConfig(tokens, i + 1)))
            {
                continue;
            }

            problems.Add((tokens[i].Offset, $"`query` calls {tokens[i].Value}(), which is refused: {effect.Reason}"));
        }
    }

    /// <summary>set_config(name, value, true): the third argument at depth 1 is the literal true.</summary>
    private static bool IsLocalSetConfig(IReadOnlyList<SqlToken> tokens, int open)
    {
        var depth = 0;
        var argument = 0;
        var third = new List<SqlToken>();
        for (var i = open; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.OpenParen)
            {
                depth++;
                if (depth == 1)
                {
                    continue;
                }
            }
            else if (token.Kind == SqlTokenKind.CloseParen)
            {
                depth--;
                if (depth == 0)
                {
                    break;
                }
            }
            else if (token.Kind == SqlTokenKind.Comma && depth == 1)
            {
                argument++;
                continue;
            }

            if (argument == 2)
            {
                third.Add(token);
            }
        }

        return third.Count == 1 && (third[0].Is("true") || (third[0].Kind == SqlTokenKind.String && third[0].Value.ToLowerInvariant() is "t" or "true" or "on"));
    }
}
