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
}
