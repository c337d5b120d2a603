using Greenlight.Databases.SqlText;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Databases;

/// <summary>The statement splitter against a corpus of tricky PostgreSQL: what splits and what does not.</summary>
public class SqlSplitterTests
{
    public static TheoryData<string, string[]> Corpus() => new()
    {
        { "SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"] },
        { "SELECT 'a;b', 'it''s; here'", ["SELECT 'a;b', 'it''s; here'"] },
        { "SELECT E'\\';'; SELECT 2", ["SELECT E'\\';'", "SELECT 2"] },
        { "SELECT U&'d\\0061t;a', B'1010', X'1F'; SELECT 3", ["SELECT U&'d\\0061t;a', B'1010', X'1F'", "SELECT 3"] },
        { "SELECT \"a;\"\"b\" FROM t; SELECT 2", ["SELECT \"a;\"\"b\" FROM t", "SELECT 2"] },
        { "SELECT 1 -- ; not here\n; SELECT 2", ["SELECT 1", "SELECT 2"] },
        { "/* outer /* inner ; */ still ; comment */ SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"] },
        { "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2", ["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"] },
        { "DO $body$ BEGIN PERFORM '$$;'; END $body$; SELECT 2", ["DO $body$ BEGIN PERFORM '$$;'; END $body$", "SELECT 2"] },
        { "SELECT $1::int, a$b FROM t; SELECT 2", ["SELECT $1::int, a$b FROM t", "SELECT 2"] },
        {
            "CREATE FUNCTION g(n int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN n > 0 THEN 1 ELSE 0 END; SELECT 2; END; SELECT 3",
            ["CREATE FUNCTION g(n int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN n > 0 THEN 1 ELSE 0 END; SELECT 2; END", "SELECT 3"]
        },
        { "BEGIN; UPDATE t SET a = 1; COMMIT;", ["BEGIN", "UPDATE t SET a = 1", "COMMIT"] },
        { "CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY t; NOTIFY u); SELECT 1", ["CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY t; NOTIFY u)", "SELECT 1"] },
        { ";;  -- nothing\n;", [] },
        { "SELECT 1.5e3, .5, 1_000 ; SELECT 'x'", ["SELECT 1.5e3, .5, 1_000", "SELECT 'x'"] },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Split_TrickySql_SplitsOnlyAtTopLevelSemicolons(string sql, string[] expected)
    {
        SqlScript.Parse(sql).Statements.Select(s => s.Text).ShouldBe(expected);
    }

    [Fact]
    public void Split_Statement_KnowsTheLineAndColumnOfItsFirstToken()
    {
        var script = SqlScript.Parse("-- header\nSELECT 1;\n\n   /* c */ ALTER TABLE t\n  ADD COLUMN c int;");

        script.Statements.Select(s => (s.Line, s.Column, s.EndLine)).ShouldBe([(2, 1, 2), (4, 12, 5)]);
        script.Comments.Select(c => (c.Kind, c.Line)).ShouldBe([(SqlTokenKind.LineComment, 1), (SqlTokenKind.BlockComment, 4)]);
    }

    [Theory]
    [InlineData("SELECT 'open", "unterminated string", 1, 8)]
    [InlineData("SELECT 1;\nSELECT \"open", "unterminated quoted identifier", 2, 8)]
    [InlineData("SELECT $x$ body", "unterminated dollar-quoted string: no closing $x$", 1, 8)]
    [InlineData("/* /* */ SELECT 1", "unterminated block comment", 1, 1)]
    public void Split_Unterminated_IsAnErrorWithThePosition(string sql, string message, int line, int column)
    {
        var error = Should.Throw<SqlSyntaxException>(() => SqlScript.Parse(sql));

        error.Message.ShouldContain(message);
        (error.Line, error.Column).ShouldBe((line, column));
    }

    [Fact]
    public void Tokenize_Words_AreFoldedAndQuotedNamesKept()
    {
        var tokens = SqlLexer.Tokenize("SELECT \"MixedCase\", Lock_Timeout_Ms FROM pg_catalog.T");

        tokens.Where(t => t.IsName).Select(t => t.Value).ShouldBe(["select", "MixedCase", "lock_timeout_ms", "from", "pg_catalog", "t"]);
    }
}
