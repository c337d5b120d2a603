using Greenlight.Checks.Sql;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Npgsql;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Sql;

/// <summary>Issue 8 items 1–5: a sql check runs one read-only statement, refused at load otherwise, and cannot undo read-only at run time.</summary>
[Collection("postgres")]
public class ReadOnlyQueryTests(PostgresServer postgres)
{
    private const string Target = "postgres://app@127.0.0.1:5432/app";

    public static TheoryData<string> SideEffectNames() => [.. SqlSideEffects.All.Select(e => $"{e.Kind}:{e.Name}")];

    private static string Spec(string query, string target = Target) => $"""
        version: 1
        name: ro
        checks:
          - id: q
            kind: sql
            target: "{target}"
            query: |
              {query.Replace("\n", "\n      ", StringComparison.Ordinal)}
        """;

    [Theory]
    [InlineData("select 1; commit; delete from t", 8, 17)]
    [InlineData("select 1; rollback; delete from t", 8, 17)]
    [InlineData("select 1; end; delete from t", 8, 17)]
    [InlineData("select 1; abort; delete from t", 8, 17)]
    [InlineData("select 1; prepare transaction 'x'; delete from t", 8, 17)]
    [InlineData("set transaction read write; delete from t", 8, 35)]
    [InlineData("select 1;\nset transaction_read_only = off; delete from t", 9, 7)]
    [InlineData("select 1; reset transaction_read_only", 8, 17)]
    [InlineData("set session characteristics as transaction read write; commit; delete from t", 8, 62)]
    public void Load_Issue8_MoreThanOneStatement_IsRejectedAtTheSecondStatement(string query, int line, int column)
    {
        // The query block is on line 7 of the spec (`query: |`), its text from line 8, column 7.
        var error = SpecHarness.LoadFails(Spec(query)).Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("must be exactly one statement");
        (error.Location.Line, error.Location.Column).ShouldBe((line, column));
    }

    [Theory]
    [MemberData(nameof(SideEffectNames))]
    public void Load_Issue8_EverySideEffectInTheList_IsRefusedByName(string entry)
    {
        var effect = SqlSideEffects.All.Single(e => $"{e.Kind}:{e.Name}" == entry);
        var target = effect.Name is "attach" or "detach" or "load_extension" or "writefile" ? "sqlite:app.db" : Target;

        var error = SpecHarness.LoadFails(Spec(effect.Example, target)).Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain(effect.Reason);
        error.Message.ShouldContain(effect.Kind == SideEffectKind.Statement ? effect.Name.ToUpperInvariant() : $"{effect.Example.Split('(')[0].Split(' ')[^1]}()");
    }

    [Theory]
    [InlineData("SELECT lock_timeout_ms, pg_notify_count, dblinks FROM settings")]
    [InlineData("SELECT 'pg_terminate_backend(1); commit' AS text")]
    [InlineData("SELECT E'it\\'s; commit' AS text")]
    [InlineData("SELECT $body$; commit; delete from t $body$ AS text")]
    [InlineData("SELECT 1 /* ; commit; /* nested ; */ still a comment */ AS one")]
    [InlineData("SELECT 1 AS \"commit; delete\" -- ; commit")]
    [InlineData("SELECT 1;")]
    [InlineData("WITH recent AS (SELECT 1 AS x) SELECT x FROM recent")]
    [InlineData("VALUES (1), (2)")]
    [InlineData("TABLE conversations")]
    [InlineData("SHOW server_version")]
    [InlineData("EXPLAIN (FORMAT JSON) SELECT 1")]
    [InlineData("EXPLAIN SELECT 1")]
    [InlineData("(SELECT 1) UNION (SELECT 2)")]
    [InlineData("SELECT set_config('statement_timeout', '1s', true)")]
    [InlineData("SELECT pg_catalog.current_setting('lock_timeout')")]
    public void Load_ReadOnlyQuery_IsAccepted(string query)
    {
        Should.NotThrow(() => SpecHarness.Load(Spec(query)));
    }

    [Theory]
    [InlineData("EXPLAIN ANALYZE DELETE FROM t", "EXPLAIN ANALYZE runs the statement")]
    [InlineData("EXPLAIN (ANALYZE, BUFFERS) SELECT 1", "EXPLAIN ANALYZE runs the statement")]
    [InlineData("EXPLAIN DELETE FROM t", "EXPLAIN may only explain")]
    [InlineData("WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone", "data-modifying DELETE in WITH")]
    [InlineData("WITH x AS (SELECT 1) UPDATE t SET a = 1", "WITH … UPDATE writes")]
    [InlineData("SELECT * INTO copy FROM t", "SELECT … INTO creates a table")]
    [InlineData("SELECT set_config('search_path', 'evil', false)", "is_local = false")]
    [InlineData("SELECT pg_catalog.set_config('search_path', 'evil', 'off')", "is_local = false")]
    [InlineData("SELECT \"pg_terminate_backend\"(123)", "it ends another session")]
    [InlineData("DELETE FROM t", "DELETE is not allowed")]
    [InlineData("SELECT 'unterminated", "unterminated string")]
    [InlineData("-- only a comment", "holds no SQL statement")]
    public void Load_QueryThatIsNotReadOnly_IsRefusedWithTheReason(string query, string reason)
    {
        SpecHarness.LoadFails(Spec(query)).Errors.ShouldHaveSingleItem().Message.ShouldContain(reason);
    }

    [Theory]
    [InlineData("VACUUM INTO 'copy.db'", "VACUUM")]
    [InlineData("ATTACH DATABASE 'other.db' AS other", "ATTACH")]
    [InlineData("PRAGMA query_only = OFF", "PRAGMA query_only = …")]
    [InlineData("PRAGMA journal_mode = WAL", "PRAGMA journal_mode = …")]
    [InlineData("PRAGMA writable_schema = ON", "PRAGMA writable_schema = …")]
    [InlineData("PRAGMA journal_mode", "PRAGMA journal_mode may change")]
    [InlineData("PRAGMA main.wal_checkpoint(TRUNCATE)", "PRAGMA wal_checkpoint may change")]
    [InlineData("SELECT 1; PRAGMA query_only = OFF", "exactly one statement")]
    public void Load_Issue8_SqliteStateChanges_AreRefused(string query, string reason)
    {
        SpecHarness.LoadFails(Spec(query, "sqlite:app.db")).Errors.ShouldHaveSingleItem().Message.ShouldContain(reason);
    }

    [Fact]
    public void Load_SqliteReadPragma_IsAccepted()
    {
        Should.NotThrow(() => SpecHarness.Load(Spec("PRAGMA table_info(conversations)", "sqlite:app.db")));
        Should.NotThrow(() => SpecHarness.Load(Spec("SELECT name FROM pragma_table_info('conversations')", "sqlite:app.db")));
    }

    [Fact]
    public void Load_ParameterTheParamsDoNotHave_IsAnError()
    {
        var error = SpecHarness.LoadFails("""
            version: 1
            name: p
            checks:
              - { id: q, kind: sql, target: "postgres://a@h/d", query: "SELECT @a::int + @b::int", params: { a: "1" } }
            """).Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("uses @b, but `params` has no `b`");
        error.Location.Column.ShouldBe(78);
    }

    [Fact]
    public async Task Cli_Issue8_CommitSmuggledIntoAQuery_ExitsTwoWithThePosition()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("select 1; commit; delete from t"));

        var run = await CliHarness.RunAsync("validate", "-f", spec);

        run.ExitCode.ShouldBe(2);
        run.All.ShouldContain("greenlight.yaml:8:17: error: `query` must be exactly one statement");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sql_Issue8_ReadOnlyCannotBeUndoneFromInsideTheQuery(bool superuser)
    {
        var url = await postgres.CreateDatabaseAsync(superuser);
        await TestDatabases.ExecutePostgresAsync(url, "CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2);");

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: undo
            checks:
              - {"{"} id: local, kind: sql, target: "{url}", query: "SELECT set_config('transaction_read_only', 'off', true)" {"}"}
              - {"{"} id: cte, kind: sql, target: "{url}", query: "WITH off AS (SELECT set_config('default_transaction_read_only', 'off', true)) SELECT count(*) FROM t, off" {"}"}
            """);

        report.Result("local").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("local").Message!.ShouldContain("read-write mode must be set before any query");
        (await CountAsync(url, "SELECT count(*) FROM t")).ShouldBe(2);
        (await CountAsync(PostgresServer.AsSuperuser(url), "SELECT count(*) FROM pg_prepared_xacts")).ShouldBe(0);
    }

    [Fact]
    public async Task Session_Issue8_ServerRefusesReadWriteAfterTheSnapshot()
    {
        var url = await postgres.CreateDatabaseAsync();
        var target = Greenlight.Databases.DatabaseTarget.Parse(url, ".");
        await using var session = await Greenlight.Databases.DatabaseSession.OpenReadOnlyAsync(target, TimeSpan.FromSeconds(5), CancellationToken.None);
        await using var command = session.Command("SET TRANSACTION READ WRITE");

        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        error.MessageText.ShouldContain("read-write mode must be set before any query");
    }

    [Fact]
    public async Task Session_Issue8_PositionalParameter_MakesTheServerRefuseASecondStatement()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, "CREATE TABLE t (id int); INSERT INTO t VALUES (1);");
        var target = Greenlight.Databases.DatabaseTarget.Parse(url, ".");
        await using (var session = await Greenlight.Databases.DatabaseSession.OpenReadOnlyAsync(target, TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            // What SqlCheck sends: the text as it is, with an unused positional parameter.
            await using var command = session.Command("select 1; commit; delete from t");
            command.Parameters.Add(new NpgsqlParameter { Value = 0, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });

            var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            error.MessageText.ShouldContain("cannot insert multiple commands into a prepared statement");
        }

        (await CountAsync(url, "SELECT count(*) FROM t")).ShouldBe(1);
    }

    [Fact]
    public async Task Session_Issue8_ConnectionIsReturnedClean()
    {
        var url = await postgres.CreateDatabaseAsync();
        var target = Greenlight.Databases.DatabaseTarget.Parse(url, ".");
        await using (var session = await Greenlight.Databases.DatabaseSession.OpenReadOnlyAsync(target, TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            await using var command = session.Command("SELECT pg_advisory_lock(4242), set_config('application_name', 'leaked', false), set_config('search_path', 'leaked', false)");
            await command.ExecuteNonQueryAsync();
        }

        (await CountAsync(PostgresServer.AsSuperuser(url), "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).ShouldBe(0);
        (await CountAsync(PostgresServer.AsSuperuser(url), "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'leaked'")).ShouldBe(0);
        await using (var again = await Greenlight.Databases.DatabaseSession.OpenReadOnlyAsync(target, TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            await using var command = again.Command("SELECT current_setting('search_path')");
            ((string)(await command.ExecuteScalarAsync())!).ShouldNotContain("leaked");
        }
    }

    [Fact]
    public async Task Sql_Issue8_PowerfulRoles_AreARunWarning()
    {
        var url = await postgres.CreateDatabaseAsync();
        var super = PostgresServer.AsSuperuser(url);
        var role = "gl_signal_" + Guid.NewGuid().ToString("N")[..6];
        await TestDatabases.ExecutePostgresAsync(super, $"CREATE ROLE {role} LOGIN; GRANT pg_signal_backend, pg_write_server_files TO {role};");
        var signal = url.Replace($"{PostgresServer.OwnerRole}@", $"{role}@", StringComparison.Ordinal);

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: roles
            checks:
              - {"{"} id: owner, kind: sql, target: "{url}", query: "SELECT 1" {"}"}
              - {"{"} id: superuser, kind: sql, target: "{super}", query: "SELECT 1" {"}"}
              - {"{"} id: signal, kind: sql, target: "{signal}", query: "SELECT 1" {"}"}
            """);

        report.Result("owner").Warnings.ShouldBeEmpty();
        report.Result("superuser").Warnings.ShouldHaveSingleItem().ShouldContain("connects as postgres, a superuser");
        report.Result("signal").Warnings.ShouldHaveSingleItem().ShouldContain($"connects as {role}, which has pg_write_server_files, pg_signal_backend");
        report.Result("signal").Warnings[0].ShouldContain("docs/read-only-role.md");
        report.Verdict.ShouldBe(Verdict.GoWithWarnings);
    }

    [Fact]
    public async Task Sql_Issue8_LockedSqliteFile_IsAnErrorWithinTheTimeout()
    {
        using var dir = new TempDirectory();
        var path = await TestDatabases.CreateSqliteAsync(dir.Path, "CREATE TABLE t (id int); INSERT INTO t VALUES (1);");
        await using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        await writer.OpenAsync();
        await using (var exclusive = writer.CreateCommand())
        {
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync();
        }

        var result = (await SpecHarness.RunAsync("version: 1\nname: l\nchecks:\n  - { id: locked, kind: sql, target: \"sqlite:app.db\", query: \"SELECT count(*) FROM t\", timeout: 1s }\n", directory: dir.Path)).Result("locked");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldContain("locked");
        // Bounded by the check's 1 s timeout, not SQLite's default 30 s.
        result.DurationMs.ShouldBeLessThan(10_000);
    }

    [Fact]
    public async Task Sql_Issue9_WarmupRuns_AreShownAndNotCounted()
    {
        var url = await postgres.CreateDatabaseAsync();

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: warm
            checks:
              - {"{"} id: default, kind: sql, target: "{url}", query: "SELECT 1", samples: 3, expect: ["p95(duration) < 5s"] {"}"}
              - {"{"} id: two, kind: sql, target: "{url}", query: "SELECT 1", samples: 2, warmup: 2 {"}"}
              - {"{"} id: none, kind: sql, target: "{url}", query: "SELECT 1", warmup: 0 {"}"}
            """);

        Rows(report, "default").ShouldContain("(3 runs: p50");
        Rows(report, "default").ShouldContain("1 warm-up run before the samples, not counted:");
        Rows(report, "two").ShouldContain("2 warm-up runs before the samples, not counted:");
        Rows(report, "none").ShouldNotContain("warm-up");
    }

    private static string Rows(RunReport report, string id) => report.Result(id).Evidence.Single(e => e.Name == "rows").Content;

    private static async Task<long> CountAsync(string url, string sql)
    {
        await using var connection = new NpgsqlConnection(Greenlight.Store.ConnectionStrings.FromUrl(url));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
