using Greenlight.Tests.Checks.Schema;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Cli;

[Collection("postgres")]
public class SchemaCommandTests(PostgresServer postgres)
{
    [Fact]
    public async Task Snapshot_ThenCheckAgainstIt_IsGoUntilTheSchemaDrifts()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, SchemaCheckTests.Mosaic);
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", $"version: 1\nname: drift\ntargets:\n  db: \"{url}\"\nchecks:\n  - {{ id: db.schema, kind: schema, target: db, snapshot: schema/prod.yaml }}\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "schema"));

        var snapshot = await CliHarness.RunAsync("schema", "snapshot", "db", "-f", spec, "--out", Path.Combine(dir.Path, "schema", "prod.yaml"));
        snapshot.ExitCode.ShouldBe(0, snapshot.All);
        (await CliHarness.RunAsync("check", "-f", spec, "--no-store")).ExitCode.ShouldBe(0);

        await TestDatabases.ExecutePostgresAsync(url, "ALTER TABLE journal_entries RENAME COLUMN mood_score TO mood_level; DROP INDEX idx_contexts_extracted;");
        var drifted = await CliHarness.RunAsync("check", "-f", spec, "--no-store", "--no-color");

        drifted.ExitCode.ShouldBe(1);
        drifted.Stdout.ShouldContain("column mood_score not found in journal_entries; did you mean mood_level?");
        drifted.Stdout.ShouldContain("index idx_contexts_extracted not found on user_contexts");
    }

    [Fact]
    public async Task Snapshot_WithEnv_ReadsThatEnvironmentsTarget_AsCheckWould()
    {
        using var dir = new TempDirectory();
        await TestDatabases.CreateSqliteAsync(dir.Path, "CREATE TABLE staging_only (id INTEGER PRIMARY KEY);", "staging.db");
        await TestDatabases.CreateSqliteAsync(dir.Path, "CREATE TABLE production_only (id INTEGER PRIMARY KEY);", "production.db");
        var spec = dir.Write("greenlight.yaml", """
            version: 1
            name: envs
            targets: { db: "sqlite:staging.db" }
            environments:
              production:
                targets: { db: "sqlite:production.db" }
            checks:
              - { id: db.up, kind: sql, target: db, query: SELECT 1 }
            """);

        var production = await CliHarness.RunAsync("schema", "snapshot", "db", "-f", spec, "--env", "production");
        var plain = await CliHarness.RunAsync("schema", "snapshot", "db", "-f", spec);
        var diff = await CliHarness.RunAsync("schema", "diff", "db", "db", "-f", spec, "--env", "production", "--no-color");
        var unknown = await CliHarness.RunAsync("schema", "snapshot", "db", "-f", spec, "--env", "nowhere");

        production.ExitCode.ShouldBe(0, production.All);
        production.Stdout.ShouldContain("production_only");
        production.Stdout.ShouldNotContain("staging_only");
        plain.ExitCode.ShouldBe(0, plain.All);
        plain.Stdout.ShouldContain("staging_only");
        diff.ExitCode.ShouldBe(0, diff.All);
        diff.Stdout.ShouldContain("production.db");
        unknown.ExitCode.ShouldBe(2, unknown.All);
        unknown.All.ShouldContain("nowhere");
    }

    [Fact]
    public async Task Diff_LiveAgainstLive_GroupsByTableAndWritesSql()
    {
        var a = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(a, "CREATE TABLE users (id text PRIMARY KEY); CREATE TABLE legacy (id int);");
        var b = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(b, "CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL DEFAULT ''); CREATE INDEX idx_users_email ON users (email);");

        var diff = await CliHarness.RunAsync("schema", "diff", a, b, "--no-color");
        diff.ExitCode.ShouldBe(1);
        diff.Stdout.ShouldContain("table legacy\n  ! table legacy only in A");
        diff.Stdout.ShouldContain("table users\n  + column users.email only in B (text, not null)\n  + index idx_users_email on users (email) only in B");
        diff.Stdout.ShouldContain("3 differences (1 destructive)");

        var sql = await CliHarness.RunAsync("schema", "diff", a, b, "--sql");
        sql.Stdout.ShouldContain("ALTER TABLE users ADD COLUMN IF NOT EXISTS email text DEFAULT ''::text NOT NULL;");
        sql.Stdout.ShouldContain("CREATE INDEX IF NOT EXISTS idx_users_email ON public.users USING btree (email);");
        sql.Stdout.ShouldContain("-- (destructive) DROP TABLE IF EXISTS legacy;");

        await TestDatabases.ExecutePostgresAsync(a, sql.Stdout);
        var after = await CliHarness.RunAsync("schema", "diff", a, b, "--no-color");
        after.Stdout.ShouldContain("table legacy only in A");
        after.Stdout.ShouldContain("1 difference (1 destructive)");
    }

    [Fact]
    public async Task Diff_SameSchema_ExitsZero_AndBadSource_ExitsTwo()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, SchemaCheckTests.Mosaic);
        using var dir = new TempDirectory();
        var snapshot = Path.Combine(dir.Path, "snap.yaml");
        (await CliHarness.RunAsync("schema", "snapshot", url, "--out", snapshot)).ExitCode.ShouldBe(0);

        var same = await CliHarness.RunAsync("schema", "diff", snapshot, url, "--no-color");
        same.ExitCode.ShouldBe(0, same.All);
        same.Stdout.ShouldContain("No differences.");

        var bad = await CliHarness.RunAsync("schema", "diff", "nonsense", url, "-f", Path.Combine(dir.Path, "missing.yaml"), "--no-color");
        bad.ExitCode.ShouldBe(2);
        bad.All.ShouldContain("`nonsense` is not a database URL");
    }

    [Fact]
    public async Task Diff_IgnorePrivileges_AndWhatIsNotCompared_IsSaid()
    {
        const string setup = "DO $$ BEGIN CREATE ROLE app_reader; EXCEPTION WHEN OTHERS THEN NULL; END $$; CREATE SCHEMA audit; CREATE TABLE audit.events (id int);";
        var a = await postgres.CreateDatabaseAsync(superuser: true);
        await TestDatabases.ExecutePostgresAsync(a, setup + "CREATE RULE no_delete AS ON DELETE TO audit.events DO INSTEAD NOTHING;");
        var b = await postgres.CreateDatabaseAsync(superuser: true);
        await TestDatabases.ExecutePostgresAsync(b, setup + "GRANT SELECT ON audit.events TO app_reader;");

        var all = await CliHarness.RunAsync("schema", "diff", a, b, "--no-color");
        all.ExitCode.ShouldBe(1, all.All);
        all.Stdout.ShouldContain("grant SELECT on TABLE audit.events to app_reader only in B");
        all.Stdout.ShouldContain("not compared: 1 rules in A");

        var ignored = await CliHarness.RunAsync("schema", "diff", a, b, "--no-color", "--ignore", "privileges");
        ignored.ExitCode.ShouldBe(0, ignored.All);
        ignored.Stdout.ShouldContain("No differences.");

        var onePublic = await CliHarness.RunAsync("schema", "diff", a, b, "--no-color", "--schema", "public");
        onePublic.ExitCode.ShouldBe(0, onePublic.All);
    }
}
