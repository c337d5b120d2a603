using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Schema;

[Collection("postgres")]
public class SchemaCheckTests(PostgresServer postgres)
{
    internal const string Mosaic = """
        CREATE EXTENSION IF NOT EXISTS pgcrypto;
        CREATE TYPE mood AS ENUM ('low', 'ok', 'high');
        CREATE TABLE users (id TEXT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, created_at TIMESTAMP DEFAULT NOW());
        CREATE TABLE user_contexts (
            user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            context_data JSONB NOT NULL,
            extracted_at TIMESTAMP DEFAULT NOW(),
            extraction_model TEXT DEFAULT 'claude-sonnet-4-20250514',
            extraction_prompt_version TEXT DEFAULT 'v1.0'
        );
        CREATE INDEX idx_contexts_extracted ON user_contexts (extracted_at);
        CREATE TABLE journal_entries (
            id SERIAL PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), mood_score INT4 CHECK (mood_score BETWEEN 1 AND 10),
            feeling mood, body TEXT, deleted BOOLEAN NOT NULL DEFAULT false,
            CONSTRAINT body_not_blank CHECK (length(body) > 0)
        );
        CREATE UNIQUE INDEX idx_journal_user_active ON journal_entries (user_id, id) WHERE NOT deleted;
        CREATE VIEW active_entries AS SELECT id, user_id FROM journal_entries WHERE NOT deleted;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER journal_touch BEFORE UPDATE ON journal_entries FOR EACH ROW EXECUTE FUNCTION touch();
        """;

    private async Task<string> MosaicDatabaseAsync()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, Mosaic);
        return url;
    }

    private static string Spec(string url, string check) => $"version: 1\nname: schema\ntargets:\n  db: \"{url}\"\nchecks:\n{check}";

    [Fact]
    public async Task Schema_AsWrittenInSeed000_Passes()
    {
        var url = await MosaicDatabaseAsync();

        var result = (await SpecHarness.RunAsync(Spec(url, """
              - id: db.user-contexts
                kind: schema
                target: db
                extensions: [pgcrypto]
                enums: { mood: [low, ok, high] }
                views: [active_entries]
                functions: [touch]
                tables:
                  users:
                    columns:
                      id: { type: text, primary_key: true }
                      email: { type: "varchar(255)", nullable: false, unique: true }
                      created_at: { type: timestamp, default: "now()" }
                  user_contexts:
                    columns:
                      user_id: { type: text, primary_key: true }
                      context_data: { type: jsonb, nullable: false }
                      extraction_model: { default: "'claude-sonnet-4-20250514'" }
                    foreign_keys:
                      - { columns: [user_id], references: users(id), on_delete: cascade }
                    indexes: [idx_contexts_extracted]
                  journal_entries:
                    columns:
                      id: { type: integer, identity: true }
                      mood_score: int4
                      deleted: { type: bool, nullable: false, default: "false" }
                    checks: [body_not_blank, { name: journal_entries_mood_score_check, expression: "mood_score >= 1" }]
                    indexes:
                      - { name: idx_journal_user_active, columns: [user_id, id], unique: true, where: "NOT deleted" }
                    triggers: [journal_touch]
            """))).Result("db.user-contexts");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Assertions.Count.ShouldBeGreaterThan(25);
    }

    [Fact]
    public async Task Schema_Seed002Mismatch_NamesTheNearestColumnAndTable()
    {
        var url = await MosaicDatabaseAsync();

        var result = (await SpecHarness.RunAsync(Spec(url, """
              - id: db.journal
                kind: schema
                target: db
                tables:
                  journal_entries:
                    columns:
                      mood_level: int
                      deleted: { type: boolean }
                  user_context:
                    columns: { user_id: text }
                  users:
                    exact: true
                    columns:
                      id: text
                      created_at: timestamptz
                    foreign_keys: []
            """))).Result("db.journal");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        var failures = result.Assertions.Where(a => !a.Passed).Select(a => a.Describe()).ToList();
        failures.ShouldContain("column journal_entries.mood_level exists: column mood_level not found in journal_entries; did you mean mood_score?");
        failures.ShouldContain("table user_context exists: table user_context not found in schema public; did you mean user_contexts?");
        failures.ShouldContain("column users.created_at type timestamptz: column users.created_at is timestamp without time zone, expected timestamptz");
        failures.ShouldContain("table users has no other columns: users also has email");
        failures.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Schema_MissingCascadeAndIndex_AreFailuresWithTheActualValue()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, "CREATE TABLE users (id text PRIMARY KEY); CREATE TABLE user_contexts (user_id text PRIMARY KEY REFERENCES users(id), extracted_at timestamp); CREATE INDEX idx_contexts_extract ON user_contexts(extracted_at);");

        var result = (await SpecHarness.RunAsync(Spec(url, """
              - id: db.ctx
                kind: schema
                target: db
                tables:
                  user_contexts:
                    foreign_keys: [{ columns: [user_id], references: users(id), on_delete: cascade }]
                    indexes: [idx_contexts_extracted]
            """))).Result("db.ctx");

        result.Message!.ShouldContain("foreign key user_contexts(user_id) → users(id) on delete cascade: actual no action");
        result.Message!.ShouldContain("index idx_contexts_extracted not found on user_contexts; did you mean idx_contexts_extract?");
    }

    [Fact]
    public async Task Schema_OnSqlite_ChecksTablesKeysAndIndexes()
    {
        using var dir = new TempDirectory();
        await TestDatabases.CreateSqliteAsync(dir.Path, """
            CREATE TABLE users (id TEXT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE);
            CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, body TEXT DEFAULT 'x', archived INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX idx_notes_user ON notes (user_id) WHERE archived = 0;
            CREATE VIEW live_notes AS SELECT * FROM notes WHERE archived = 0;
            """);

        var report = await SpecHarness.RunAsync("""
            version: 1
            name: lite
            checks:
              - id: db.notes
                kind: schema
                target: sqlite:app.db
                views: [live_notes]
                tables:
                  users: { columns: { email: { type: "character varying(255)", nullable: false, unique: true } } }
                  notes:
                    exact: true
                    columns:
                      id: { type: integer, identity: true, primary_key: true }
                      user_id: { type: text, nullable: false }
                      body: { default: "'x'" }
                      archived: { type: int, default: "0" }
                    foreign_keys: [{ columns: [user_id], references: users(id), on_delete: cascade }]
                    indexes: [{ name: idx_notes_user, columns: [user_id], where: "archived = 0" }]
            """, directory: dir.Path);

        report.Result("db.notes").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("db.notes").Message);
    }

    [Fact]
    public async Task Schema_UnreachableTarget_IsAnError()
    {
        var result = (await SpecHarness.RunAsync("""
            version: 1
            name: x
            checks:
              - { id: s, kind: schema, target: "postgres://u:secret-pw@127.0.0.1:9/x", tables: { t: { columns: { a: int } } }, timeout: 5s }
            """)).Result("s");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldStartWith("cannot connect to postgres://u:***@127.0.0.1:9/x");
    }

    [Fact]
    public void Load_BadSchemaExpectation_PointsAtIt()
    {
        var errors = SpecHarness.LoadFails("""
            version: 1
            name: x
            targets: { db: "sqlite:app.db" }
            checks:
              - id: s
                kind: schema
                target: db
                tables:
                  t:
                    colums: { a: int }
                    foreign_keys: [{ columns: [a], references: "users.id", on_delete: explode }]
            """).Errors.Select(e => e.Message).ToList();

        errors.ShouldContain(e => e.Contains("`references`: expected table(column, …), got `users.id`"));
        errors.ShouldContain(e => e.Contains("`on_delete`: expected cascade, restrict, set null, set default or no action, got `explode`"));
        errors.ShouldContain(e => e.Contains("unknown field `colums` in table `t`; did you mean `columns`?"));
    }
    /// <summary>A real failed CREATE INDEX CONCURRENTLY (a unique index over duplicates) leaves an INVALID index.</summary>
    internal static async Task CreateInvalidIndexAsync(string url)
    {
        await TestDatabases.ExecutePostgresAsync(url, "CREATE TABLE accounts (id int, email text); INSERT INTO accounts VALUES (1, 'a'), (2, 'a');");
        var failed = await Should.ThrowAsync<Npgsql.PostgresException>(() => TestDatabases.ExecutePostgresAsync(url, "CREATE UNIQUE INDEX CONCURRENTLY idx_accounts_email ON accounts (email)"));
        failed.SqlState.ShouldBe("23505");
    }

    [Fact]
    public async Task Schema_InvalidIndex_Issue9_FailsNamingIt()
    {
        var url = await postgres.CreateDatabaseAsync();
        await CreateInvalidIndexAsync(url);

        var report = await SpecHarness.RunAsync(Spec(url, """
              - id: db.by-name
                kind: schema
                target: db
                tables: { accounts: { indexes: [idx_accounts_email] } }
              - id: db.by-columns
                kind: schema
                target: db
                tables: { accounts: { indexes: [{ columns: [email] }], unique: [[email]] } }
            """));

        foreach (var id in new[] { "db.by-name", "db.by-columns" })
        {
            var result = report.Result(id);
            result.Outcome.ShouldBe(CheckOutcome.Fail, result.Message);
            result.Message!.ShouldContain("index idx_accounts_email exists but is INVALID (a failed CREATE INDEX CONCURRENTLY); drop and recreate it");
        }
    }

    [Fact]
    public async Task Schema_RowSecurityAndPolicies_AreExpectations()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, """
            CREATE TABLE profiles (id uuid PRIMARY KEY, owner text);
            CREATE POLICY own ON profiles FOR SELECT TO public USING (owner = current_user);
            CREATE MATERIALIZED VIEW profile_count AS SELECT count(*) AS n FROM profiles;
            CREATE SEQUENCE invoice_no;
            """);

        var report = await SpecHarness.RunAsync(Spec(url, """
              - id: db.rls
                kind: schema
                target: db
                materialized_views: [profile_count]
                sequences: [invoice_no]
                tables:
                  profiles:
                    row_security: true
                    policies:
                      own: { command: select, roles: [public], using: "owner = CURRENT_USER" }
                      admins: {}
            """));

        var result = report.Result("db.rls");
        result.Outcome.ShouldBe(CheckOutcome.Fail);
        var failures = result.Assertions.Where(a => !a.Passed).Select(a => a.Describe()).ToList();
        failures.ShouldContain(f => f.Contains("row-level security is not enabled on profiles: its policies do nothing (ALTER TABLE profiles ENABLE ROW LEVEL SECURITY)", StringComparison.Ordinal));
        failures.ShouldContain(f => f.Contains("policy admins not found on profiles", StringComparison.Ordinal));
        failures.Count.ShouldBe(2, string.Join("\n", failures));
    }
}
