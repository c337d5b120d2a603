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

    [Theory]
    [InlineData("ALTER TABLE line_items ADD COLUMN IF NOT EXISTS total bigint GENERATED ALWAYS AS (qty * price) STORED", "a stored generated expression")]
    [InlineData("ALTER TABLE coupons ADD COLUMN IF NOT EXISTS seq bigint GENERATED BY DEFAULT AS IDENTITY", "an identity")]
    public void Lint_Issue11_StoredGeneratedOrIdentityColumn_RewritesTheTable(string sql, string why)
    {
        var finding = Lint(("m.sql", "SET lock_timeout = '2s';\n" + sql)).Single(f => f.Rule == "volatile-default-rewrite");

        finding.Message.ShouldContain(why);
        Lint(("m.sql", "CREATE TABLE IF NOT EXISTS line_items (qty int, price int);\nCREATE TABLE IF NOT EXISTS coupons (id int);\n" + sql)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("SET lock_timeout = 0;")]
    [InlineData("SET SESSION lock_timeout TO '0s';")]
    [InlineData("SET lock_timeout = DEFAULT;")]
    [InlineData("SET lock_timeout = '2s';\nRESET lock_timeout;")]
    [InlineData("SET lock_timeout = '2s';\nRESET ALL;")]
    [InlineData("SELECT set_config('lock_timeout', '0', false);")]
    public void Lint_Issue11_LockTimeoutTurnedOff_IsNoTimeout(string setting)
    {
        var finding = Lint(("m.sql", setting + "\nALTER TABLE users ADD COLUMN IF NOT EXISTS note text;")).Single(f => f.Rule == "missing-lock-timeout");

        finding.Message.ShouldContain("no lock timeout protects it: ");
        finding.Message.ShouldContain("turns the lock timeout off");
    }

    [Theory]
    [InlineData("SET lock_timeout = '0.5s';")]
    [InlineData("SET lock_timeout TO 500;")]
    [InlineData("SET lock_timeout = 0;\nSET LOCAL lock_timeout = '3s';")]
    [InlineData("SELECT set_config('lock_timeout', '2s', true);")]
    public void Lint_Issue11_LockTimeoutWithALimit_Protects(string setting)
    {
        Lint(("m.sql", setting + "\nALTER TABLE users ADD COLUMN IF NOT EXISTS note text;")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("CREATE POLICY p ON storage.objects FOR SELECT USING (true)")]
    [InlineData("ALTER POLICY p ON storage.objects USING (false)")]
    [InlineData("DROP POLICY IF EXISTS p ON storage.objects")]
    [InlineData("DROP TRIGGER IF EXISTS touch ON storage.objects")]
    public void Lint_Issue11_PolicyAndTriggerDrop_TakeAccessExclusive(string sql)
    {
        Lint(("m.sql", sql + ";")).Single().Message.ShouldContain("takes ACCESS EXCLUSIVE on objects");
        Lint(("m.sql", "SET lock_timeout = '2s';\n" + sql + ";")).ShouldBeEmpty();
        Lint(("m.sql", "CREATE TABLE IF NOT EXISTS storage.objects (id int);\n" + sql + ";")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("m.sql", nameof(MigrationLayout.Alembic), "CREATE TABLE t (id int);")]
    [InlineData("V3__t.sql", nameof(MigrationLayout.Plain), "CREATE TABLE t (id int);")]
    [InlineData("sql/V3__t.sql", nameof(MigrationLayout.Flyway), "CREATE TABLE t (id int);")]
    [InlineData("20250101000000_t/migration.sql", nameof(MigrationLayout.Timestamped), "CREATE TABLE t (id int);")]
    [InlineData("m.sql", nameof(MigrationLayout.Plain), "BEGIN;\nCREATE TABLE t (id int);\nCREATE INDEX t_id ON t (id);\nCOMMIT;")]
    [InlineData("m.sql", nameof(MigrationLayout.Plain), "CREATE TABLE t (id int);\nUPDATE alembic_version SET version_num='p2' WHERE alembic_version.version_num = 'p1';")]
    [InlineData("migrations/20251117000000_b.sql", nameof(MigrationLayout.Supabase), "CREATE TABLE t (id int);")]
    [InlineData("000002_more.up.sql", nameof(MigrationLayout.Timestamped), "CREATE TABLE t (id int);")]
    public void Lint_Issue11_FileAVersionedToolRunsOnce_NeedsNoIfNotExists(string name, string layout, string sql)
    {
        var set = new List<(MigrationFile, SqlScript)> { (new MigrationFile(name, name, sql), SqlScript.Parse(sql)) };

        MigrationLinter.Lint(set, null, [], rerunnable: true, Enum.Parse<MigrationLayout>(layout)).Select(f => f.Rule).ShouldNotContain("create-without-if-not-exists");
    }

    [Theory]
    [InlineData("R__views.sql", nameof(MigrationLayout.Flyway), "CREATE MATERIALIZED VIEW totals AS SELECT 1;")]
    [InlineData("m.sql", nameof(MigrationLayout.Plain), "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE IF NOT EXISTS u (id int);\nCOMMIT;")]
    [InlineData("m.sql", nameof(MigrationLayout.Plain), "CREATE TABLE t (id int);")]
    [InlineData("schema.sql", nameof(MigrationLayout.Plain), "CREATE SCHEMA app;\nCREATE TABLE app.t (id int);")]
    public void Lint_Issue11_FileThatMayBeRunAgain_NeedsIfNotExists(string name, string layout, string sql)
    {
        var set = new List<(MigrationFile, SqlScript)> { (new MigrationFile(name, name, sql, Repeatable: name.StartsWith("R__", StringComparison.Ordinal)), SqlScript.Parse(sql)) };

        MigrationLinter.Lint(set, null, [], rerunnable: true, Enum.Parse<MigrationLayout>(layout)).Select(f => f.Rule).ShouldContain("create-without-if-not-exists");
    }

    [Theory]
    [InlineData("migrations/20251117000000_b.sql", nameof(MigrationLayout.Supabase))]
    [InlineData("V3__t.sql", nameof(MigrationLayout.Flyway))]
    [InlineData("20250101000000_t/migration.sql", nameof(MigrationLayout.Timestamped))]
    [InlineData("m.sql", nameof(MigrationLayout.Plain))]
    public void Lint_Issue11_IdempotentWrittenInTheSpec_HoldsEveryLayoutToIt(string name, string layout)
    {
        const string Sql = "CREATE TABLE t (id int);";
        var set = new List<(MigrationFile, SqlScript)> { (new MigrationFile(name, name, Sql), SqlScript.Parse(Sql)) };

        MigrationLinter.Lint(set, null, [], rerunnable: true, Enum.Parse<MigrationLayout>(layout), declared: true).Select(f => f.Rule).ShouldContain("create-without-if-not-exists");
        MigrationLinter.Lint(set, null, [], rerunnable: false, Enum.Parse<MigrationLayout>(layout)).Select(f => f.Rule).ShouldNotContain("create-without-if-not-exists");
    }

    [Theory]
    [InlineData("CHECK ((email IS NOT NULL))", "email")]
    [InlineData("CHECK (((email IS NOT NULL) AND (length(email) > 3)))", "email")]
    [InlineData("CHECK ((((a IS NOT NULL) AND (b IS NOT NULL)) AND (c > 0)))", "a,b")]
    [InlineData("CHECK ((\"Email\" IS NOT NULL))", "Email")]
    [InlineData("CHECK (((email IS NOT NULL) OR (id < 0)))", "")]
    [InlineData("CHECK ((NOT (email IS NULL)))", "")]
    [InlineData("CHECK ((length(email) > 0))", "")]
    public void ColumnsProvedNotNull_ReadsTopLevelConjuncts(string definition, string columns)
    {
        string.Join(",", MigrationLinter.ColumnsProvedNotNull(definition).Order(StringComparer.Ordinal)).ShouldBe(columns);
    }

    [Theory]
    [InlineData("-- greenlight:allow drop-table\n-- the table moved to the auth service\n-- squawk-ignore ban-drop-table\nDROP TABLE old;", 0)]
    [InlineData("/* why: unread since release 41\n   greenlight:allow drop-table */\n-- reviewed by ops\nDROP TABLE old;", 0)]
    [InlineData("-- greenlight:allow drop-table\n\nDROP TABLE old;", 1)]
    [InlineData("SELECT 1; -- greenlight:allow drop-table\nDROP TABLE old;", 1)]
    [InlineData("-- greenlight:allow drop-table\nSELECT 1;\nDROP TABLE old;", 1)]
    public void Lint_Issue11_AllowComment_CountsAnywhereInTheBlockAboveTheStatement(string sql, int findings)
    {
        Lint(("m.sql", "SET lock_timeout = '2s';\n\n" + sql)).Count(f => f.Rule == "drop-table").ShouldBe(findings);
    }

    [Fact]
    public void Lint_Issue11_SetNotNullAfterAValidatedCheck_IsQuiet()
    {
        const string Check = "SET lock_timeout = '2s';\nALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\n";
        Lint(("m.sql", Check + "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;")).ShouldBeEmpty();
        // Validated in an earlier file of the same set.
        Lint(("001.sql", Check + "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;"), ("002.sql", "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;")).ShouldBeEmpty();
        // Not validated, another column, another table: the scan stays.
        Lint(("m.sql", Check + "ALTER TABLE users ALTER COLUMN email SET NOT NULL;")).Select(f => f.Rule).ShouldBe(["set-not-null"]);
        Lint(("m.sql", Check + "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN name SET NOT NULL;")).Select(f => f.Rule).ShouldBe(["set-not-null"]);
        Lint(("m.sql", Check + "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE vendors ALTER COLUMN email SET NOT NULL;")).Select(f => f.Rule).ShouldBe(["set-not-null"]);
        // Added without NOT VALID it is validated at once (and that scan is its own finding).
        Lint(("m.sql", "SET lock_timeout = '2s';\nALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;")).Select(f => f.Rule).ShouldBe(["add-check-without-not-valid"]);
    }

    private static List<LintFinding> Lint(params (string Name, string Sql)[] files)
    {
        var set = files.Select(f => (new MigrationFile(f.Name, f.Name, f.Sql), SqlScript.Parse(f.Sql))).ToList();
        return MigrationLinter.Lint(set, null, [], rerunnable: true);
    }
}
