using Greenlight.Checks.Migration;
using Greenlight.Databases;
using Greenlight.Databases.Schema;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Migration;

/// <summary>The migration kind against the real PostgreSQL: dry-run, run twice, changes, locks, layouts, and that nothing changes.</summary>
[Collection("postgres")]
public class MigrationCheckTests(PostgresServer postgres)
{
    private const string Conversations = """
        CREATE TABLE conversations (id serial PRIMARY KEY, body text, created_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO conversations (body) SELECT 'c' || g FROM generate_series(1, 12) g;
        """;

    private static string Spec(string url, string path, string extra = "") => $"""
        version: 1
        name: m
        checks:
          - id: m
            kind: migration
            target: "{url}"
            path: {path}
        {extra}
        """;

    [Fact]
    public async Task DryRun_Issue11_LeavesTheDatabaseUnchanged()
    {
        var url = await postgres.CreateDatabaseAsync();
        // Forcing the flush makes the setup's own statistics visible before the first snapshot.
        await TestDatabases.ExecutePostgresAsync(url, Conversations + "ANALYZE conversations; SELECT pg_stat_force_next_flush();");
        using var dir = new TempDirectory();
        dir.Write("migrations/001.sql", """
            SET lock_timeout = '1s';
            ALTER TABLE conversations ADD COLUMN IF NOT EXISTS score integer NOT NULL DEFAULT 0;
            CREATE TABLE IF NOT EXISTS reviews (id serial PRIMARY KEY, conversation_id int REFERENCES conversations (id));
            INSERT INTO reviews (conversation_id) SELECT id FROM conversations WHERE id < 3;
            """);
        var before = await StateAsync(url);

        var report = await SpecHarness.RunAsync(Spec(url, "migrations", "    expect: [pending == 1, 'len(added_columns) == 1', 'added_columns contains \"conversations.score\"', dropped_tables is empty, 'changes contains \"table reviews added\"']"), directory: dir.Path);

        var result = report.Result("m");
        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message + "\n" + string.Join("\n", result.Evidence.Select(e => e.Content)));
        (await StateAsync(url)).ShouldBe(before);
        var dryRun = result.Evidence.Single(e => e.Name == "dry-run").Content;
        dryRun.ShouldContain("takes ACCESS EXCLUSIVE on conversations (12 rows");
        dryRun.ShouldNotContain("note: sequence");
    }

    [Fact]
    public async Task DryRun_Issue11_InsertIntoAnExistingTable_SaysTheSequenceMovedForGood()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);
        using var dir = new TempDirectory();
        dir.Write("001.sql", "INSERT INTO conversations (body) VALUES ('seed row');\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql", "    idempotent: false"), directory: dir.Path)).Result("m");

        result.Evidence.Single(e => e.Name == "dry-run").Content.ShouldContain("note: sequence public.conversations_id_seq moved from 12 to 13 during the dry-run: PostgreSQL never rolls a sequence back");
        (await StateAsync(url)).ShouldContain("conversations_id_seq=13");
    }

    [Fact]
    public async Task DryRun_Issue11_SecondRunFails_IsNotIdempotentWithTheFix()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);
        using var dir = new TempDirectory();
        dir.Write("20251117_add_raw_response_storage_columns.sql", "SET lock_timeout = '1s';\nALTER TABLE conversations ADD COLUMN IF NOT EXISTS raw_response_path text;\nALTER TABLE conversations ADD COLUMN raw_response_url text;\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "20251117_add_raw_response_storage_columns.sql"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Fail, result.Message);
        result.Message!.ShouldContain("statement 3 of 20251117_add_raw_response_storage_columns.sql (line 3) is not idempotent: run a second time it fails with column \"raw_response_url\" of relation \"conversations\" already exists; write ADD COLUMN IF NOT EXISTS");
    }

    [Fact]
    public async Task DryRun_Issue11_FailingStatement_NamesFileLineAndServerError()
    {
        var url = await postgres.CreateDatabaseAsync();
        using var dir = new TempDirectory();
        dir.Write("m/001_views.sql", "-- views first\nCREATE VIEW daily AS SELECT * FROM journal_entries;\n");
        dir.Write("m/002_tables.sql", "CREATE TABLE IF NOT EXISTS journal_entries (id int);\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "m"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("statement 1 (001_views.sql:2) fails: relation \"journal_entries\" does not exist");
        result.Message!.ShouldContain("depends-on-later-object at 001_views.sql:2:1");
    }

    private const string FailsMidFile = """
        SET lock_timeout = '1s';
        CREATE TABLE IF NOT EXISTS reviews (id int);
        ALTER TABLE missing_table ADD COLUMN IF NOT EXISTS x int;
        ALTER TABLE conversations ADD COLUMN IF NOT EXISTS score int;
        CREATE OR REPLACE VIEW v AS SELECT * FROM missing_two;
        ALTER TABLE reviews ADD COLUMN IF NOT EXISTS note text;
        """;

    [Fact]
    public async Task DryRun_Issue11_StatementFailsMidFile_EveryLaterStatementStillRunsAndIsReported()
    {
        var url = await postgres.CreateDatabaseAsync();
        // Not analysed (so the dry-run counts its rows itself); the flush makes the setup's statistics visible first.
        await TestDatabases.ExecutePostgresAsync(url, Conversations + "SELECT pg_stat_force_next_flush();");
        using var dir = new TempDirectory();
        dir.Write("001.sql", FailsMidFile);
        var before = await StateAsync(url);

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("statement 3 (001.sql:3) fails: relation \"missing_table\" does not exist (and 1 later statement fail too: statement 5 (001.sql:5) fails: relation \"missing_two\" does not exist)");
        var dryRun = result.Evidence.Single(e => e.Name == "dry-run").Content;
        dryRun.ShouldNotContain("current transaction is aborted");
        dryRun.ShouldNotContain("not reached");
        // Statement 4 ran after the failure (it took its lock); statement 6 used the table statement 2 created.
        dryRun.ShouldContain("4. 001.sql:4  ALTER TABLE conversations ADD COLUMN IF NOT EXISTS score int\n     ");
        dryRun.ShouldContain("takes ACCESS EXCLUSIVE on conversations (12 rows");
        dryRun.ShouldContain("FAILED: relation \"missing_two\" does not exist");
        // The dry-run's own row count of the unanalysed table is not blamed on CREATE TABLE reviews.
        dryRun.ShouldContain("2. 001.sql:2  CREATE TABLE IF NOT EXISTS reviews (id int)\n     ");
        dryRun[dryRun.IndexOf("2. 001.sql:2", StringComparison.Ordinal)..dryRun.IndexOf("3. 001.sql:3", StringComparison.Ordinal)].ShouldNotContain("takes");
        (await StateAsync(url)).ShouldBe(before);
    }

    [Fact]
    public async Task Plan_Issue11_SecondRunOnTheSameDatabase_SeesTheSameAndNeverAnAbortedTransaction()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);
        using var dir = new TempDirectory();
        dir.Write("001.sql", FailsMidFile);
        var request = new MigrationRequest { Path = Path.Combine(dir.Path, "001.sql"), Target = DatabaseTarget.Parse(url, ".") };

        // Both runs share the process's pooled connection, as the check does in one greenlight run.
        var first = await MigrationPlanner.PlanAsync(request, new FakeTimeProvider(), CancellationToken.None);
        var second = await MigrationPlanner.PlanAsync(request, new FakeTimeProvider(), CancellationToken.None);

        static string Shape(MigrationPlan plan) => string.Join("\n", plan.DryRun!.Statements.Select(s => $"{s.Number} ran={s.Ran} error={s.Error} locks={string.Join(",", s.Locks)}"));
        Shape(second).ShouldBe(Shape(first));
        second.DryRun!.Failure.ShouldBe(first.DryRun!.Failure);
        first.DryRun.Statements.Count(s => s.Ran).ShouldBe(3);
        (Shape(first) + first.DryRun.Failure).ShouldNotContain("aborted");
    }

    [Fact]
    public async Task DryRun_Issue11_SecondRun_NamesEveryStatementThatIsNotIdempotent()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);
        using var dir = new TempDirectory();
        dir.Write("001.sql", "SET lock_timeout = '1s';\nALTER TABLE conversations ADD COLUMN a text;\nALTER TABLE conversations ADD COLUMN IF NOT EXISTS b text;\nCREATE TABLE notes (id int);\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("statement 2 of 001.sql (line 2) is not idempotent: run a second time it fails with column \"a\" of relation \"conversations\" already exists; write ADD COLUMN IF NOT EXISTS (and 1 more: statement 4 of 001.sql (line 4) is not idempotent: run a second time it fails with relation \"notes\" already exists; write CREATE … IF NOT EXISTS)");
    }

    [Fact]
    public async Task DryRun_Issue11_ForeignKeyIntoAnotherSchema_IsReadNotACrash()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, "CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY);");
        using var dir = new TempDirectory();
        dir.Write("001.sql", "CREATE TABLE IF NOT EXISTS personas (id uuid PRIMARY KEY, user_id uuid REFERENCES auth.users (id) ON DELETE CASCADE);\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql", "    expect: ['changes contains \"table personas added\"']"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
    }

    [Fact]
    public async Task DryRun_Issue11_BlockedByAnotherSession_IsAnErrorWithinTheLockTimeoutNamingTheHolder()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);
        await using var holder = new NpgsqlConnection(Greenlight.Store.ConnectionStrings.FromUrl(url) + ";Application Name=nightly-report");
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var select = new NpgsqlCommand("SELECT count(*) FROM conversations", holder, transaction))
        {
            await select.ExecuteScalarAsync();
        }

        using var dir = new TempDirectory();
        dir.Write("001.sql", "ALTER TABLE conversations ADD COLUMN IF NOT EXISTS x int;\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql", "    lock_timeout: 300ms"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldContain("statement 1 (001.sql:1) waited longer than lock_timeout (300ms) for a lock");
        result.Message!.ShouldContain($"pid {holder.ProcessID} ({PostgresServer.OwnerRole}, nightly-report, idle in transaction) holds AccessShareLock on conversations");
    }

    [Fact]
    public async Task DryRun_Issue11_NonTransactionalStatement_IsNotRunButLinted()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);
        using var dir = new TempDirectory();
        dir.Write("001.sql", "BEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS conversations_created ON conversations (created_at);\nVACUUM FULL conversations;\nCOMMIT;\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql", "    allow: [vacuum-full-or-cluster]"), directory: dir.Path)).Result("m");

        var dryRun = result.Evidence.Single(e => e.Name == "dry-run").Content;
        dryRun.ShouldContain("not dry-runnable: CREATE INDEX CONCURRENTLY cannot run inside a transaction");
        dryRun.ShouldContain("not dry-runnable: VACUUM FULL cannot run inside a transaction");
        dryRun.ShouldContain("transaction control (BEGIN)");
        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        (await StateAsync(url)).ShouldContain("indexes=0");
    }

    [Fact]
    public async Task Lint_WithADatabase_DowngradesAHazardOnATinyTableAndSaysWhy()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);
        using var dir = new TempDirectory();
        dir.Write("001.sql", "SET lock_timeout = '1s';\nALTER TABLE conversations ALTER COLUMN body SET NOT NULL;\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql", "    expect: ['findings contains \"set-not-null\"']"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Warnings.ShouldBeEmpty();
        result.Evidence.Single(e => e.Name == "lint").Content.ShouldContain("low set-not-null: SET NOT NULL on conversations.body scans the whole table under ACCESS EXCLUSIVE (conversations has 12 rows");
    }

    [Theory]
    [InlineData("ALTER TABLE conversations ADD CONSTRAINT body_nn CHECK (body IS NOT NULL);", false)]
    [InlineData("ALTER TABLE conversations ADD CONSTRAINT body_nn CHECK (body IS NOT NULL AND length(body) > 0);", false)]
    [InlineData("ALTER TABLE conversations ADD CONSTRAINT body_nn CHECK (body IS NOT NULL) NOT VALID;", true)]
    [InlineData("ALTER TABLE conversations ADD CONSTRAINT body_nn CHECK (body IS NOT NULL OR id < 0);", true)]
    [InlineData("ALTER TABLE conversations ADD CONSTRAINT created_nn CHECK (created_at IS NOT NULL);", true)]
    public async Task Lint_Issue11_SetNotNull_WithADatabase_QuietWhenAValidCheckAlreadyProvesIt(string existing, bool fires)
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations + existing);
        using var dir = new TempDirectory();
        dir.Write("001.sql", "SET lock_timeout = '1s';\nALTER TABLE conversations ALTER COLUMN body SET NOT NULL;\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql", $"    expect: ['findings {(fires ? "contains" : "not contains")} \"set-not-null\"']"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message + "\n" + result.Evidence.Single(e => e.Name == "lint").Content);
    }

    [Fact]
    public async Task Lint_Issue11_SetNotNull_WithADatabase_QuietWhenTheSetValidatesACheckFirst()
    {
        var url = await postgres.CreateDatabaseAsync();
        // The NOT VALID check was added by an earlier release: only the database knows it is there.
        await TestDatabases.ExecutePostgresAsync(url, Conversations + "ALTER TABLE conversations ADD CONSTRAINT body_nn CHECK (body IS NOT NULL) NOT VALID;");
        using var dir = new TempDirectory();
        dir.Write("m/001_check.sql", "SET lock_timeout = '1s';\nALTER TABLE conversations ADD CONSTRAINT created_nn CHECK (created_at IS NOT NULL) NOT VALID;\n");
        dir.Write("m/002_validate.sql", "SET lock_timeout = '1s';\nALTER TABLE conversations VALIDATE CONSTRAINT created_nn;\nALTER TABLE conversations VALIDATE CONSTRAINT body_nn;\n");
        dir.Write("m/003_not_null.sql", "SET lock_timeout = '1s';\nALTER TABLE conversations ALTER COLUMN created_at SET NOT NULL, ALTER COLUMN body SET NOT NULL;\n");
        var before = await StateAsync(url);

        var result = (await SpecHarness.RunAsync(Spec(url, "m", "    idempotent: false\n    expect: ['findings not contains \"set-not-null\"']"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message + "\n" + result.Evidence.Single(e => e.Name == "lint").Content);
        (await StateAsync(url)).ShouldBe(before);

        // Without the VALIDATE of body_nn the scan of body stays, and is said.
        dir.Write("m/002_validate.sql", "SET lock_timeout = '1s';\nALTER TABLE conversations VALIDATE CONSTRAINT created_nn;\n");
        var scan = (await SpecHarness.RunAsync(Spec(url, "m", "    idempotent: false"), directory: dir.Path)).Result("m");
        scan.Evidence.Single(e => e.Name == "lint").Content.ShouldContain("set-not-null: SET NOT NULL on conversations.body scans the whole table");
        scan.Evidence.Single(e => e.Name == "lint").Content.ShouldNotContain("conversations.created_at scans");
    }

    [Fact]
    public async Task DryRun_Issue11_BeginCommitInAFile_IsSaidAsATrap()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Conversations);
        using var dir = new TempDirectory();
        dir.Write("001.sql", "BEGIN;\nCREATE TABLE IF NOT EXISTS notes (id int);\nCOMMIT;\n");

        var result = (await SpecHarness.RunAsync(Spec(url, "001.sql"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "dry-run").Content.ShouldContain("001.sql has its own transaction control (BEGIN/COMMIT): the dry-run skips it");
    }

    [Fact]
    public async Task Layout_Supabase_ReadsAppliedVersionsFromItsHistory()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, "CREATE SCHEMA supabase_migrations; CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY); INSERT INTO supabase_migrations.schema_migrations VALUES ('20251101000000'); CREATE TABLE a (id int);");
        using var dir = new TempDirectory();
        dir.Write("supabase/migrations/20251101000000_a.sql", "CREATE TABLE a (id int);");
        dir.Write("supabase/migrations/20251117000000_b.sql", "CREATE TABLE IF NOT EXISTS b (id int);");

        var result = (await SpecHarness.RunAsync(Spec(url, "supabase", "    expect: [pending == 1, 'pending_files contains \"migrations/20251117000000_b.sql\"', current == \"20251101000000\", head == \"20251117000000\"]"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "migrations").Content.ShouldContain("layout: supabase (a supabase/migrations folder)");
    }

    [Fact]
    public async Task Layout_Flyway_VersionsInOrderAndRepeatablesByChecksum()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, """
            CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), script varchar(1000) NOT NULL, checksum int, success boolean NOT NULL);
            INSERT INTO flyway_schema_history VALUES (1, '1', 'V1__init.sql', 1, true), (2, '2', 'V2__more.sql', 2, true), (3, NULL, 'R__views.sql', 12345, true);
            CREATE TABLE t (id int);
            """);
        using var dir = new TempDirectory();
        dir.Write("V1__init.sql", "CREATE TABLE t (id int);");
        dir.Write("V2__more.sql", "ALTER TABLE t ADD COLUMN IF NOT EXISTS a int;");
        dir.Write("V10__later.sql", "SET lock_timeout = '1s';\nALTER TABLE t ADD COLUMN IF NOT EXISTS b int;");
        dir.Write("R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM t;");

        var result = (await SpecHarness.RunAsync(Spec(url, ".", "    expect: [pending == 2, current == \"2\", head == \"10\"]"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "migrations").Content.ShouldContain("pending: 2: V10__later.sql, R__views.sql");
    }

    [Theory]
    [InlineData("prisma")]
    [InlineData("golang-migrate")]
    public async Task Layout_Timestamped_ReadsItsToolsHistory(string tool)
    {
        var url = await postgres.CreateDatabaseAsync();
        using var dir = new TempDirectory();
        if (tool == "prisma")
        {
            await TestDatabases.ExecutePostgresAsync(url, "CREATE TABLE _prisma_migrations (migration_name text, finished_at timestamptz, rolled_back_at timestamptz); INSERT INTO _prisma_migrations VALUES ('20250101000000_init', now(), NULL); CREATE TABLE t (id int);");
            dir.Write("migrations/20250101000000_init/migration.sql", "CREATE TABLE t (id int);");
            dir.Write("migrations/20250201000000_more/migration.sql", "CREATE TABLE IF NOT EXISTS u (id int);");
        }
        else
        {
            await TestDatabases.ExecutePostgresAsync(url, "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL); INSERT INTO schema_migrations VALUES (1, false); CREATE TABLE t (id int);");
            dir.Write("migrations/000001_init.up.sql", "CREATE TABLE t (id int);");
            dir.Write("migrations/000001_init.down.sql", "DROP TABLE t;");
            dir.Write("migrations/000002_more.up.sql", "CREATE TABLE IF NOT EXISTS u (id int);");
        }

        var result = (await SpecHarness.RunAsync(Spec(url, "migrations", "    expect: [pending == 1, 'changes contains \"table u added\"']"), directory: dir.Path)).Result("m");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "migrations").Content.ShouldContain("layout: timestamped");
    }

    [Fact]
    public async Task Layout_Alembic_PendingFromAlembicsOwnOfflineSql()
    {
        var url = await postgres.CreateDatabaseAsync();
        var folder = Path.Combine(RepositoryPaths.Examples, "tool-history");
        await TestDatabases.ExecutePostgresAsync(url, await System.IO.File.ReadAllTextAsync(Path.Combine(folder, "replica", "before.sql")));

        var report = await SpecHarness.RunAsync(Spec(url, "backend", "    idempotent: false\n    timeout: 60s\n    expect: [pending == 1, 'pending_files contains \"alembic/versions/p2_add_user_tool_history.py\"', current == \"p1_add_collaboration\", head == \"p2_add_user_tool_history\", 'changes contains \"table user_tool_history added\"']"), directory: folder);

        var result = report.Result("m");
        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message + "\n" + string.Join("\n", result.Evidence.Select(e => e.Content)));
        result.Evidence.Single(e => e.Name == "migrations").Content.ShouldContain("layout: alembic (alembic.ini in the folder)");
        result.Evidence.Single(e => e.Name == "dry-run").Content.ShouldContain("CREATE INDEX idx_user_tool_history_metrics");
        (await StateAsync(url)).ShouldNotContain("user_tool_history");
    }

    /// <summary>Schema snapshot, row counts, table statistics and sequences: what a dry-run must leave as it found it.</summary>
    private static async Task<string> StateAsync(string url)
    {
        var schema = await SchemaReader.ReadAsync(DatabaseTarget.Parse(url, "."), "public", TimeSpan.FromSeconds(10), CancellationToken.None);
        var yaml = SchemaYaml.Write(schema, "db");
        await using var connection = new NpgsqlConnection(Greenlight.Store.ConnectionStrings.FromUrl(url));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(string_agg(relname || ':' || n_live_tup || '/' || n_tup_ins || '/' || n_tup_del, ',' ORDER BY relname), '') FROM pg_stat_user_tables;
            """, connection);
        var stats = (string)(await command.ExecuteScalarAsync())!;
        await using var sequences = new NpgsqlCommand("SELECT coalesce(string_agg(sequencename || '=' || coalesce(last_value::text, '-'), ',' ORDER BY sequencename), '') FROM pg_sequences", connection);
        var sequenceValues = (string)(await sequences.ExecuteScalarAsync())!;
        await using var indexes = new NpgsqlCommand("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey'", connection);
        return $"{yaml}\nstats={stats}\nsequences={sequenceValues}\nindexes={await indexes.ExecuteScalarAsync()}";
    }
}
