using Greenlight.Databases;
using Greenlight.Databases.Schema;
using Greenlight.Spec;
using Greenlight.Tests.Checks.Schema;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Tests.Databases;

[Collection("postgres")]
public class SchemaSnapshotTests(PostgresServer postgres)
{
    private static DatabaseSchema ReadBack(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var context = new SpecReadContext("snapshot.yaml", VariableScope.Empty);
        var schema = SchemaYaml.Read(new YamlMapReader((YamlMappingNode)stream.Documents[0].RootNode, context), exactTables: true);
        context.Errors.ShouldBeEmpty();
        return schema;
    }

    private static async Task<DatabaseSchema> LiveAsync(string url, string? directory = null) =>
        await SchemaReader.ReadAsync(DatabaseTarget.Parse(url, directory ?? "."), "public", TimeSpan.FromSeconds(30), CancellationToken.None);

    [Fact]
    public async Task Snapshot_ComparedWithItsOwnDatabase_HasNoPhantomDifference()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, SchemaCheckTests.Mosaic);
        var live = await LiveAsync(url);

        var yaml = SchemaYaml.Write(live, "test");
        var expected = ReadBack(yaml);

        SchemaComparer.Compare(expected, live).Where(f => !f.Passed).Select(f => f.Describe()).ShouldBeEmpty();
        SchemaDiff.Compare(live, expected).Select(c => c.Description).ShouldBeEmpty();
        SchemaDiff.Compare(expected, live).Select(c => c.Description).ShouldBeEmpty();
        SchemaYaml.Write(expected, "test").ShouldBe(yaml);
    }

    [Fact]
    public async Task Snapshot_OfSqlite_HasNoPhantomDifference()
    {
        using var dir = new TempDirectory();
        await TestDatabases.CreateSqliteAsync(dir.Path, """
            CREATE TABLE users (id TEXT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, created TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
            CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id TEXT REFERENCES users(id) ON DELETE SET NULL, body TEXT);
            CREATE UNIQUE INDEX idx_notes_body ON notes (body) WHERE body IS NOT NULL;
            CREATE TRIGGER notes_t AFTER INSERT ON notes BEGIN SELECT 1; END;
            """);
        var live = await LiveAsync("sqlite:app.db", dir.Path);

        var expected = ReadBack(SchemaYaml.Write(live, "test"));

        SchemaComparer.Compare(expected, live).Where(f => !f.Passed).Select(f => f.Describe()).ShouldBeEmpty();
        SchemaDiff.Compare(live, expected).ShouldBeEmpty();
    }

    [Fact]
    public async Task Diff_FixupSqlAppliedToA_LeavesNoDifference()
    {
        var full = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(full, SchemaCheckTests.Mosaic);
        var partial = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(partial, """
            CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT, created_at TIMESTAMP);
            CREATE TABLE journal_entries (id SERIAL PRIMARY KEY, user_id TEXT NOT NULL, mood_score INT4, feeling TEXT, body TEXT, deleted BOOLEAN NOT NULL);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER journal_touch BEFORE UPDATE ON journal_entries FOR EACH ROW EXECUTE FUNCTION touch();
            """);
        var b = await LiveAsync(full);

        var changes = SchemaDiff.Compare(await LiveAsync(partial), b);
        var descriptions = changes.Select(c => c.Description).ToList();
        descriptions.ShouldContain("extension pgcrypto only in B");
        descriptions.ShouldContain("enum mood only in B");
        descriptions.ShouldContain("table user_contexts only in B");
        descriptions.ShouldContain("column users.email: type text in A, character varying(255) in B");
        descriptions.ShouldContain("view active_entries only in B");
        changes.ShouldContain(c => c.Destructive);

        // Type changes are destructive: allowed here, so that every kind of object is exercised.
        var sql = SchemaDiff.FixupSql(changes, allowDestructive: true, "partial", "full");
        await TestDatabases.ExecutePostgresAsync(partial, sql);
        await TestDatabases.ExecutePostgresAsync(partial, sql); // idempotent

        SchemaDiff.Compare(await LiveAsync(partial), b).Select(c => c.Description).ShouldBeEmpty();
    }

    [Fact]
    public async Task FixupSql_WithoutAllowDestructive_CommentsOutDrops()
    {
        var a = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(a, "CREATE TABLE old_table (id int); CREATE TABLE t (id int, gone text);");
        var b = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(b, "CREATE TABLE t (id int, added text NOT NULL DEFAULT 'x');");

        var sql = SchemaDiff.FixupSql(SchemaDiff.Compare(await LiveAsync(a), await LiveAsync(b)), allowDestructive: false, "a", "b");

        sql.ShouldContain("-- (destructive) DROP TABLE IF EXISTS old_table;");
        sql.ShouldContain("-- (destructive) ALTER TABLE t DROP COLUMN IF EXISTS gone;");
        sql.ShouldContain("ALTER TABLE t ADD COLUMN IF NOT EXISTS added text DEFAULT 'x'::text NOT NULL;");
        await TestDatabases.ExecutePostgresAsync(a, sql);
        (await LiveAsync(a)).Tables.Keys.ShouldContain("old_table");
    }

    [Fact]
    public async Task InvalidIndex_Issue9_SnapshotAndDiffCarryValidity_AndTheFixRebuildsIt()
    {
        var a = await postgres.CreateDatabaseAsync();
        await SchemaCheckTests.CreateInvalidIndexAsync(a);
        await TestDatabases.ExecutePostgresAsync(a, "DELETE FROM accounts WHERE id = 2;");
        var b = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(b, "CREATE TABLE accounts (id int, email text); CREATE UNIQUE INDEX idx_accounts_email ON accounts (email);");
        var liveA = await LiveAsync(a);

        var yaml = SchemaYaml.Write(liveA, "a");
        yaml.ShouldContain("name: idx_accounts_email, columns: [email], unique: true, valid: false");
        SchemaCorpusTests.ReadBack(yaml).Tables["accounts"].Indexes.Single().Valid.ShouldBe(false);

        var changes = SchemaDiff.Compare(liveA, await LiveAsync(b));
        changes.Select(c => c.Description).ShouldContain("index idx_accounts_email on accounts is INVALID in A (a failed CREATE INDEX CONCURRENTLY), valid in B");
        var sql = SchemaDiff.FixupSql(changes, allowDestructive: false, "a", "b");
        await TestDatabases.ExecutePostgresAsync(a, sql);
        await TestDatabases.ExecutePostgresAsync(a, sql);
        (await LiveAsync(a)).Tables["accounts"].Indexes.Single().Valid.ShouldBe(true);
        SchemaDiff.Compare(await LiveAsync(a), await LiveAsync(b)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FixupSql_ForeignKeyOnDeleteDiffers_Issue9_IsDroppedAndAddedNotValidThenValidated()
    {
        const string users = "CREATE TABLE users (id int PRIMARY KEY); INSERT INTO users VALUES (1);";
        var a = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(a, users + "CREATE TABLE notes (id int, user_id int REFERENCES users(id)); INSERT INTO notes VALUES (1, 1);");
        var b = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(b, users + "CREATE TABLE notes (id int, user_id int REFERENCES users(id) ON DELETE CASCADE);");

        var sql = SchemaDiff.FixupSql(SchemaDiff.Compare(await LiveAsync(a), await LiveAsync(b)), allowDestructive: true, "a", "b");

        sql.ShouldContain("ADD CONSTRAINT notes_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE NOT VALID; ALTER TABLE notes VALIDATE CONSTRAINT notes_user_id_fkey;");
        sql.ShouldNotContain("-- drop and re-add");
        await TestDatabases.ExecutePostgresAsync(a, sql);
        await TestDatabases.ExecutePostgresAsync(a, sql);
        (await LiveAsync(a)).Tables["notes"].ForeignKeys.Single().OnDelete.ShouldBe("cascade");
        SchemaDiff.Compare(await LiveAsync(a), await LiveAsync(b)).ShouldBeEmpty();

        // An expectation (no definitions) gets the same fix, written, not a comment.
        var expectation = new DatabaseSchema { Tables = { ["notes"] = new TableSchema("notes") { ForeignKeys = [new ForeignKeySchema("notes_user_id_fkey", ["user_id"], "users", ["id"], "no action", "no action")] } } };
        var wanted = expectation with { Tables = new(StringComparer.Ordinal) { ["notes"] = new TableSchema("notes") { ForeignKeys = [new ForeignKeySchema("notes_user_id_fkey", ["user_id"], "users", ["id"], "cascade", "no action")] } } };
        var legacy = SchemaDiff.FixupSql(SchemaDiff.Compare(expectation, wanted), allowDestructive: true, "a", "b");
        legacy.ShouldContain("NOT VALID;\n  ALTER TABLE notes VALIDATE CONSTRAINT notes_user_id_fkey;");
    }

    [Fact]
    public async Task FixupSql_FailingHalfway_LeavesTheDatabaseAsItWas()
    {
        var a = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(a, "CREATE TABLE users (id int PRIMARY KEY, email text); INSERT INTO users VALUES (1, NULL);");
        var b = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(b, """
            CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
            CREATE TABLE audit (id int PRIMARY KEY, user_id int REFERENCES users(id));
            CREATE VIEW v_users AS SELECT id, email FROM users;
            """);
        var before = await LiveAsync(a);

        var sql = SchemaDiff.FixupSql(SchemaDiff.Compare(before, await LiveAsync(b)), allowDestructive: true, "a", "b");
        sql.IndexOf("CREATE TABLE IF NOT EXISTS audit", StringComparison.Ordinal).ShouldBeLessThan(sql.IndexOf("SET NOT NULL", StringComparison.Ordinal));
        var failed = await Should.ThrowAsync<Npgsql.PostgresException>(() => TestDatabases.ExecutePostgresAsync(a, sql));
        failed.SqlState.ShouldBe("23502"); // the NULL email: SET NOT NULL fails after the new table was created

        SchemaDiff.Compare(await LiveAsync(a), before).ShouldBeEmpty("the transaction rolled back: no table, no view, no constraint");
    }
}
