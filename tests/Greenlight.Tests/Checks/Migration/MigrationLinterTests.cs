using Greenlight.Checks.Migration;
using Greenlight.Databases.SqlText;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Migration;

/// <summary>Each lint rule fires on its hazard and stays quiet on the safe form, from the text alone (no database).</summary>
public class MigrationLinterTests
{
    public static TheoryData<string, string, string> Rules() => new()
    {
        { "drop-table", "DROP TABLE IF EXISTS old_sessions", "ALTER TABLE IF EXISTS old_sessions RENAME COLUMN a TO a" },
        { "drop-column", "ALTER TABLE users DROP COLUMN legacy_flag", "ALTER TABLE users DROP CONSTRAINT users_legacy_check" },
        { "rename-table", "ALTER TABLE users RENAME TO accounts", "CREATE VIEW accounts AS SELECT * FROM users" },
        { "rename-column", "ALTER TABLE users RENAME COLUMN email TO mail", "ALTER TABLE users ADD COLUMN IF NOT EXISTS mail text" },
        { "change-column-type", "ALTER TABLE users ALTER COLUMN age TYPE bigint", "ALTER TABLE users ADD COLUMN IF NOT EXISTS age_big bigint" },
        { "add-column-not-null-no-default", "ALTER TABLE users ADD COLUMN IF NOT EXISTS tier text NOT NULL", "ALTER TABLE users ADD COLUMN IF NOT EXISTS tier text NOT NULL DEFAULT 'free'" },
        { "set-not-null", "ALTER TABLE users ALTER COLUMN email SET NOT NULL", "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID" },
        { "volatile-default-rewrite", "ALTER TABLE users ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid()", "ALTER TABLE users ADD COLUMN IF NOT EXISTS seen_at timestamptz DEFAULT now()" },
        { "create-index-not-concurrently", "CREATE INDEX IF NOT EXISTS users_email ON users (email)", "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email)" },
        { "add-foreign-key-without-not-valid", "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)", "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID" },
        { "add-check-without-not-valid", "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0)", "ALTER TABLE orders VALIDATE CONSTRAINT total_positive" },
        { "add-unique-without-index", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx" },
        { "add-primary-key-without-index", "ALTER TABLE events ADD PRIMARY KEY (id)", "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_idx" },
        { "create-without-if-not-exists", "CREATE TABLE audit (id int)", "CREATE TABLE IF NOT EXISTS audit (id int)" },
        { "update-without-where", "UPDATE users SET tier = 'free'", "UPDATE users SET tier = 'free' WHERE tier IS NULL" },
        { "delete-without-where", "DELETE FROM sessions", "DELETE FROM sessions WHERE expires_at < now()" },
        { "truncate", "TRUNCATE sessions", "DELETE FROM sessions WHERE id = 1" },
        { "vacuum-full-or-cluster", "VACUUM FULL users", "VACUUM users" },
        { "transaction-left-open", "BEGIN;\nALTER TABLE IF EXISTS users RENAME COLUMN a TO a", "BEGIN;\nSELECT 1;\nCOMMIT" },
        { "missing-lock-timeout", "ALTER TABLE users ADD COLUMN IF NOT EXISTS note text", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN IF NOT EXISTS note text" },
        { "depends-on-later-object", "CREATE OR REPLACE VIEW v AS SELECT * FROM later_table;\nCREATE TABLE IF NOT EXISTS later_table (id int)", "CREATE TABLE IF NOT EXISTS later_table (id int);\nCREATE OR REPLACE VIEW v AS SELECT * FROM later_table" },
    };

    [Fact]
    public void Rules_EveryRule_HasACase()
    {
        Rules().Select(r => (string)r[0]).Order(StringComparer.Ordinal).ShouldBe(LintRules.All.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Lint_Hazard_FiresAndSafeFormStaysQuiet(string rule, string hazard, string safe)
    {
        var found = Lint(("m.sql", hazard));
        found.ShouldContain(f => f.Rule == rule, string.Join("\n", found.Select(f => $"{f.Rule}: {f.Message}")));
        var finding = found.First(f => f.Rule == rule);
        finding.Fix.ShouldNotBeEmpty();
        finding.Line.ShouldBeGreaterThan(0);

        var quiet = Lint(("m.sql", safe));
        quiet.Where(f => f.Rule == rule).ShouldBeEmpty(string.Join("\n", quiet.Select(f => $"{f.Rule}: {f.Message}")));
    }

    [Fact]
    public void Lint_CreateIndexOnATableTheSetCreates_IsQuiet()
    {
        var findings = Lint(("001.sql", "CREATE TABLE IF NOT EXISTS events (id int, at timestamptz);"), ("002.sql", "CREATE INDEX IF NOT EXISTS events_at ON events (at);\nALTER TABLE events ADD CONSTRAINT events_pk PRIMARY KEY (id);"));

        findings.Select(f => f.Rule).ShouldNotContain("create-index-not-concurrently");
        findings.Select(f => f.Rule).ShouldNotContain("add-primary-key-without-index");
        findings.Select(f => f.Rule).ShouldNotContain("missing-lock-timeout");
    }

    [Fact]
    public void Lint_Issue11_ViewBeforeItsTable_NamesBothFilesAndLines()
    {
        var finding = Lint(("001_views.sql", "-- views first\n\nCREATE VIEW daily AS SELECT * FROM public.\"journal_entries\";"), ("002_tables.sql", "\nCREATE TABLE IF NOT EXISTS journal_entries (id int);"))
            .Single(f => f.Rule == "depends-on-later-object");

        (finding.File, finding.Line, finding.Column).ShouldBe(("001_views.sql", 3, 1));
        finding.Message.ShouldBe("view daily uses journal_entries, which is only created later, by 002_tables.sql:2: applied in order, this statement fails");
    }

    [Fact]
    public void Lint_TriggerBeforeItsFunction_IsFound()
    {
        var findings = Lint(
            ("001.sql", "CREATE TABLE IF NOT EXISTS t (id int);\nCREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();"),
            ("002.sql", "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"));

        findings.Single(f => f.Rule == "depends-on-later-object").Message.ShouldContain("uses touch, which is only created later, by 002.sql:1");
    }

    [Theory]
    [InlineData("-- greenlight:allow drop-table\nDROP TABLE old;")]
    [InlineData("DROP TABLE old; -- greenlight:allow drop-table, truncate")]
    [InlineData("/* greenlight:allow drop-table */ DROP TABLE old;")]
    public void Lint_AllowComment_SuppressesThatRuleForThatStatement(string sql)
    {
        Lint(("m.sql", sql + "\nDROP TABLE other;")).Where(f => f.Rule == "drop-table").Select(f => f.Statement).ShouldBe(["DROP TABLE other"]);
    }

    [Fact]
    public void Lint_AllowList_TurnsARuleOff()
    {
        var set = new List<(MigrationFile, SqlScript)> { (new MigrationFile("m", "m.sql", "TRUNCATE t;"), SqlScript.Parse("TRUNCATE t;")) };

        MigrationLinter.Lint(set, null, ["truncate", "missing-lock-timeout"], rerunnable: true).ShouldBeEmpty();
    }

    [Fact]
    public void Lint_ColumnNamedLikeAKeyword_IsNotAHazard()
    {
        Lint(("m.sql", "SET lock_timeout = '1s';\nUPDATE users SET drop_table_count = 0, truncate_at = now() WHERE id = 1;\nSELECT 'DROP TABLE users';")).ShouldBeEmpty();
    }

    private static List<LintFinding> Lint(params (string Name, string Sql)[] files)
    {
        var set = files.Select(f => (new MigrationFile(f.Name, f.Name, f.Sql), SqlScript.Parse(f.Sql))).ToList();
        return MigrationLinter.Lint(set, null, [], rerunnable: true);
    }
}
