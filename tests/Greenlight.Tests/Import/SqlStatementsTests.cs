using Greenlight.Import;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Import;

/// <summary>The import splits SQL blocks with the lexer the sql and migration kinds use.</summary>
public class SqlStatementsTests
{
    [Fact]
    public void Split_SemicolonsInsideBodiesAndQuotes_DoNotEndAStatement()
    {
        var sql = """
            -- the function the view needs
            CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
            CREATE FUNCTION two() RETURNS int AS $body$ SELECT 2; $body$ LANGUAGE sql;

            SELECT ';' AS semicolon, "odd;name" FROM t;
            """;
        var statements = SqlStatements.Split(sql);
        statements.Select(s => s.Keyword).ShouldBe(["CREATE", "CREATE", "SELECT"]);
        statements.Select(s => s.LineOffset).ShouldBe([1, 2, 4]);
        statements[2].Text.ShouldBe("SELECT ';' AS semicolon, \"odd;name\" FROM t");
    }

    [Fact]
    public void Split_AnUnterminatedQuote_IsOneStatementNamedByItsFirstWord()
    {
        var statements = SqlStatements.Split("\n\nSELECT 'it''s fine; FROM notes WHERE body = 'x");
        statements.ShouldHaveSingleItem().Keyword.ShouldBe("SELECT");
        statements[0].LineOffset.ShouldBe(2);
    }
}
