using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Sql;

[Collection("postgres")]
public class SqlCheckTests(PostgresServer postgres)
{
    private const string Conversations = """
        CREATE TABLE conversations (id INTEGER PRIMARY KEY, parse_method_used TEXT, requires_manual_review BOOLEAN NOT NULL DEFAULT false, created_at TIMESTAMP NOT NULL);
        INSERT INTO conversations (id, parse_method_used, requires_manual_review, created_at) VALUES
          (1, 'direct', false, CURRENT_TIMESTAMP), (2, 'direct', false, CURRENT_TIMESTAMP), (3, 'direct', false, CURRENT_TIMESTAMP),
          (4, 'direct', false, CURRENT_TIMESTAMP), (5, 'repair', true, CURRENT_TIMESTAMP);
        """;

    private static string Checks(string target) => $"""
        version: 1
        name: sql
        targets:
          db: {target}
        checks:
          - id: parse-rate
            kind: sql
            target: db
            query: |
              SELECT AVG(CASE WHEN parse_method_used = 'direct' THEN 1.0 ELSE 0.0 END) AS rate, COUNT(*) AS total
              FROM conversations
            expect: [rate > 0.95, total == 5]
          - id: review-queue
            kind: sql
            target: db
            query: SELECT COUNT(*) AS queued FROM conversations WHERE requires_manual_review = @flag
            params: {"{"} flag: "true" {"}"}
            expect: [value < 10, queued == 1, rows == 1]
          - id: by-row
            kind: sql
            target: db
            query: SELECT id, parse_method_used FROM conversations ORDER BY id
            samples: 5
            expect: ['row[4].parse_method_used == "repair"', rows == 5, 'row[0].id == 1', p95(duration) < 5s, 'row[9].id not exists']
        """;

    [Fact]
    public async Task Sql_OnPostgres_AssertsOnRowsValuesAndColumns()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);

        var report = await SpecHarness.RunAsync(Checks(url));

        report.Result("parse-rate").Outcome.ShouldBe(CheckOutcome.Fail);
        report.Result("parse-rate").Message.ShouldBe("rate > 0.95: actual 0.8");
        report.Result("review-queue").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("review-queue").Message);
        report.Result("by-row").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("by-row").Message);
        report.Result("by-row").Evidence.Single(e => e.Name == "rows").Content.ShouldContain($"5 rows from postgres://{PostgresServer.OwnerRole}@127.0.0.1:");
    }

    [Fact]
    public async Task Sql_OnSqlite_AssertsTheSame()
    {
        using var dir = new TempDirectory();
        await TestDatabases.CreateSqliteAsync(dir.Path, Conversations.Replace("BOOLEAN NOT NULL DEFAULT false", "INTEGER NOT NULL DEFAULT 0", StringComparison.Ordinal).Replace("false", "0", StringComparison.Ordinal).Replace("true", "1", StringComparison.Ordinal));

        var report = await SpecHarness.RunAsync(Checks("sqlite:app.db").Replace("flag: \"true\"", "flag: \"1\"", StringComparison.Ordinal), directory: dir.Path);

        report.Result("parse-rate").Message.ShouldBe("rate > 0.95: actual 0.8");
        report.Result("review-queue").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("review-queue").Message);
        report.Result("by-row").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("by-row").Message);
    }

    [Fact]
    public async Task Sql_QueryThatWritesThroughAFunction_IsAReadOnlyErrorFromTheServer()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, """
            CREATE TABLE t (id int); INSERT INTO t VALUES (1);
            CREATE FUNCTION wipe() RETURNS int LANGUAGE sql AS 'DELETE FROM t RETURNING 1';
            """);
        using var dir = new TempDirectory();
        await TestDatabases.CreateSqliteAsync(dir.Path, "CREATE TABLE t (id int); INSERT INTO t VALUES (1);");

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: ro
            checks:
              - {"{"} id: pg, kind: sql, target: "{url}", query: "SELECT wipe()" {"}"}
              - {"{"} id: for-update, kind: sql, target: "{url}", query: "SELECT id FROM t FOR UPDATE" {"}"}
              - {"{"} id: still-there, kind: sql, target: "{url}", query: "SELECT count(*) FROM t", needs: [pg], expect: [value == 1] {"}"}
            """, directory: dir.Path);

        report.Result("pg").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("pg").Message.ShouldStartWith("this check is read-only, and the query tried to write");
        report.Result("for-update").Outcome.ShouldBe(CheckOutcome.Error);
        (await SpecHarness.RunAsync($"version: 1\nname: c\nchecks:\n  - {{ id: n, kind: sql, target: \"{url}\", query: \"SELECT count(*) FROM t\", expect: [value == 1] }}\n"))
            .Result("n").Outcome.ShouldBe(CheckOutcome.Pass);
    }

    [Fact]
    public async Task Sql_SlowQuery_HitsTheStatementTimeout()
    {
        var url = await postgres.CreateDatabaseAsync();

        var result = (await SpecHarness.RunAsync($"version: 1\nname: s\nchecks:\n  - {{ id: slow, kind: sql, target: \"{url}\", query: \"SELECT pg_sleep(30)\", timeout: 1s }}\n")).Result("slow");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldContain("timed out after 1s");
    }

    [Fact]
    public async Task Sql_BadQueryOrUnreachableServer_IsAnErrorWithTheReason()
    {
        var url = await postgres.CreateDatabaseAsync();

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: e
            checks:
              - {"{"} id: typo, kind: sql, target: "{url}", query: "SELECT 1 FORM t" {"}"}
              - {"{"} id: missing-table, kind: sql, target: "{url}", query: "SELECT mood_level FROM journal_entries" {"}"}
              - {"{"} id: down, kind: sql, target: "postgres://app:pw-hidden-123@127.0.0.1:9/app", query: "SELECT 1", timeout: 5s {"}"}
              - {"{"} id: no-file, kind: sql, target: "sqlite:nope.db", query: "SELECT 1" {"}"}
            """);

        report.Result("typo").Message.ShouldBe("the query failed: syntax error at or near \"t\" (at character 15)");
        report.Result("missing-table").Message.ShouldBe("the query failed: relation \"journal_entries\" does not exist (at character 24)");
        report.Result("down").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("down").Message!.ShouldStartWith("cannot connect to postgres://app:***@127.0.0.1:9/app");
        report.Result("no-file").Message!.ShouldStartWith("cannot open sqlite:nope.db: no such database file");
    }

    [Fact]
    public void Load_QueryWithInterpolation_IsRejected()
    {
        var error = SpecHarness.LoadFails("""
            version: 1
            name: x
            targets: { db: "sqlite:app.db" }
            checks:
              - { id: q, kind: sql, target: db, query: "SELECT * FROM users WHERE id = ${USER_ID}" }
              - { id: t, kind: sql, target: dbb, query: "SELECT 1" }
            """).Errors;

        error[0].Message.ShouldContain("`query` is never interpolated");
        error[1].Message.ShouldContain("no target named `dbb`; did you mean `db`?");
    }
}
