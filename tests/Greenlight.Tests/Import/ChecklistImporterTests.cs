using Greenlight.Import;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Import;

public class ChecklistImporterTests
{
    [Fact]
    public void SqlBlock_ExpectedRows_BecomesSqlCheckAssertingTheCount()
    {
        var (result, yaml) = ImportHarness.Import("""
            # Release
            ## Verify the migration
            **Verification Query**:
            ```sql
            SELECT column_name FROM information_schema.columns
            WHERE table_name = 'orders' AND column_name IN ('a', 'b', 'c');
            ```
            **Expected**: 3 rows
            """);

        var check = result.Single("sql");
        check.Expect.ShouldBe(["rows == 3"]);
        check.Title.ShouldBe("Verify the migration: Verification Query");
        check.Field("target").ShouldBe("db");
        result.DatabaseTarget.ShouldBe("${DATABASE_URL}");
        ImportHarness.Load(yaml).Checks.Single(c => c.Kind.Name == "sql").Source.ShouldBe("CHECKLIST.md:5");
    }

    [Fact]
    public void SqlBlock_CommentsAndProse_BecomeValueAndColumnAssertions()
    {
        var (result, yaml) = ImportHarness.Import("""
            ## Smoke test
            ```sql
            -- Should be 0
            SELECT COUNT(*) FROM jobs WHERE failed;
            ```
            ```sql
            SELECT url, path, status FROM uploads ORDER BY id DESC LIMIT 1;
            ```
            **Expected**:
            - `url` is NOT NULL
            - `path` starts with `raw/`
            - `status` is 'done' or 'queued'
            - `created_at` is a recent timestamp
            """);

        var checks = result.Checks.Where(c => c.Kind == "sql").ToList();
        checks[0].Expect.ShouldBe(["value == 0"]);
        checks[1].Expect.ShouldBe(["row[0].url is not empty", "row[0].path matches /^raw\\//", "row[0].status in [\"done\", \"queued\"]"]);
        checks[1].Notes.ShouldContain(n => n.Contains("recent timestamp", StringComparison.Ordinal));
        checks.ShouldAllBe(c => c.Phase == ImportPhase.Post);
        ImportHarness.Load(yaml);
    }

    [Fact]
    public void SqlChange_IsNeverACheck_ButARollbackStepInTheRollbackPlan()
    {
        var (result, yaml) = ImportHarness.Import("""
            ## Apply the migration
            ```sql
            ALTER TABLE orders ADD COLUMN note text;
            SELECT note FROM orders LIMIT 1;
            ```
            ## Rollback Plan
            ```sql
            BEGIN;
            ALTER TABLE orders DROP COLUMN IF EXISTS note;
            COMMIT;
            ```
            """);

        result.Single("sql").Field("query").ShouldBe("SELECT note FROM orders LIMIT 1");
        result.NotConverted.ShouldHaveSingleItem().Reason.ShouldContain("never runs it as a check");
        var step = result.Rollback.ShouldHaveSingleItem();
        step.Run.ShouldContain("DROP COLUMN IF EXISTS note");
        step.Run.ShouldStartWith("psql \"${DATABASE_URL}\" -v ON_ERROR_STOP=1");
        ImportHarness.Load(yaml).Rollback.ShouldHaveSingleItem();
    }

    [Fact]
    public void Curl_MethodHeadersAndBody_BecomeAnHttpCheck_AndTheHostAVariable()
    {
        var (result, yaml) = ImportHarness.Import("""
            ## Post-Deployment Verification
            ```bash
            # Create an order
            curl -X POST https://shop.example.net/api/orders \
              -H "Content-Type: application/json" \
              -H 'x-user-id: test-user' \
              -d '{"sku": "A1"}'
            # Expected: HTTP 201 Created
            ```
            """);

        var check = result.Single("http");
        check.Title.ShouldBe("Create an order");
        check.Phase.ShouldBe(ImportPhase.Post);
        check.Expect.ShouldBe(["status == 201"]);
        result.Vars.ShouldHaveSingleItem().ShouldBe(new KeyValuePair<string, string>("api", "${API_BASE:-https://shop.example.net}"));
        yaml.ShouldContain("url: ${api}/api/orders");
        yaml.ShouldContain("x-user-id: test-user");
        var loaded = ImportHarness.Load(yaml);
        loaded.Checks.Single().Kind.Name.ShouldBe("http");
    }

    [Fact]
    public void Curl_PlaceholderHost_BecomesARequiredVariable()
    {
        var (result, _) = ImportHarness.Import("""
            ## Smoke Test
            ```bash
            curl https://your-domain.com/health
            ```
            """);

        result.Vars.ShouldHaveSingleItem().Value.ShouldStartWith("${API_BASE:?set API_BASE");
    }

    [Fact]
    public void Psql_DescribeAndIndexQuery_WithPrintedIndexes_BecomeOneSchemaCheck()
    {
        var (result, yaml) = ImportHarness.Import("""
            ## Verify the table
            ```bash
            PGPASSWORD=hunter22 psql -U app -h localhost -d shop -c "\dt order_events;"
            psql -U app -h localhost -d shop -c "SELECT indexname FROM pg_indexes WHERE tablename='order_events';"
            ```
            Expected output:
            ```
            Indexes:
            - idx_order_events_order
            - idx_order_events_created
            ```
            """);

        var check = result.Single("schema");
        var tables = (List<KeyValuePair<string, object>>)check.Field("tables");
        var table = tables.ShouldHaveSingleItem();
        table.Key.ShouldBe("order_events");
        ((List<KeyValuePair<string, object>>)table.Value).ShouldHaveSingleItem().Value.ShouldBe(new List<string> { "idx_order_events_order", "idx_order_events_created" });
        result.DatabaseTarget.ShouldBe("${DATABASE_URL:-postgres://app@localhost/shop}");
        yaml.ShouldNotContain("hunter22");
        result.Warnings.ShouldContain(w => w.Contains("CHECKLIST.md:3", StringComparison.Ordinal) && w.Contains("hunt…", StringComparison.Ordinal));
        ImportHarness.Load(yaml);
    }

    [Fact]
    public void AlembicCurrent_WithExpectedOutput_ChecksTheMigrationHead_AndUpgradeIsNotACheck()
    {
        var (result, yaml) = ImportHarness.Import("""
            ## Pre-Deployment Testing
            ```bash
            cd backend
            alembic upgrade head
            alembic current
            # Expected output: 20240101_add_orders (head)
            ```
            """);

        var check = result.Single("command");
        check.Field("argv").ShouldBe(new List<string> { "alembic", "current" });
        check.Field("cwd").ShouldBe("backend");
        check.Expect.ShouldBe(["exit_code == 0", "stdout contains \"20240101_add_orders (head)\""]);
        result.NotConverted.ShouldContain(n => n.Text == "alembic upgrade head");
        ImportHarness.Load(yaml);
    }

    [Fact]
    public void TestRunner_WithAnEchoFallback_LosesTheFallback()
    {
        var (result, _) = ImportHarness.Import("""
            ## Before deploy
            ```bash
            pytest tests/test_api.py -v || echo "no tests"
            ```
            """);

        var check = result.Single("command");
        check.Field("run").ShouldBe("pytest tests/test_api.py -v");
        check.Notes.ShouldContain(n => n.Contains("would hide a failure", StringComparison.Ordinal));
    }

    [Fact]
    public void Dump_ToAFile_BecomesAFileCheckThatTheBackupIsRecent()
    {
        var (result, yaml) = ImportHarness.Import("""
            ### Step 1: Database Backup (CRITICAL)
            ```bash
            pg_dump "$DATABASE_URL" -f backups/before-$(date +%Y%m%d).sql
            ```
            """);

        var check = result.Single("file");
        check.Field("path").ShouldBe("backups/before-*.sql");
        check.Expect.ShouldBe(["age < 1h", "size > 0B"]);
        check.Phase.ShouldBe(ImportPhase.Pre);
        ImportHarness.Load(yaml);
    }

    [Fact]
    public void VariableLists_RequiredOptionalAndShape_BecomeOneEnvCheck()
    {
        var (result, yaml) = ImportHarness.Import("""
            ## Environment Variables
            **Required Variables:**
            - ✅ `DATABASE_URL` - Verified present
            - ✅ `STRIPE_API_KEY` - Required for payments, starts with `sk_`
            - ⚠️ `SENTRY_DSN_URL` - Optional (error reporting)

            ```python
            key = os.getenv("MAILER_TOKEN")
            region = os.environ.get("MAILER_REGION", "eu")
            ```
            """);

        var check = result.Single("env");
        check.Field("require").ShouldBe(new List<string> { "DATABASE_URL", "STRIPE_API_KEY", "MAILER_TOKEN" });
        check.Field("optional").ShouldBe(new List<string> { "SENTRY_DSN_URL", "MAILER_REGION" });
        ((List<KeyValuePair<string, object>>)check.Field("match")).ShouldHaveSingleItem().ShouldBe(new KeyValuePair<string, object>("STRIPE_API_KEY", "^sk_"));
        result.Checks.ShouldNotContain(c => c.Kind == "manual", "the ✅ on variables are proved by the env check");
        result.CheckFor(4)!.Kind.ShouldBe("env");
        ImportHarness.Load(yaml);
    }

    [Fact]
    public void DeployCommands_AreListedNotChecks_AndRollbackCommandsAreSteps()
    {
        var (result, yaml) = ImportHarness.Import("""
            ## Step 3: Deploy
            ```bash
            git push origin main
            ./scripts/deploy.sh production
            ```
            - [ ] Deployed by: ____
            ## Rollback Plan
            ```bash
            git revert <commit-hash>
            ./scripts/deploy.sh production
            ```
            """);

        result.NotConverted.Select(n => n.Text).ShouldBe(["git push origin main", "./scripts/deploy.sh production"]);
        result.Rollback.Select(s => s.Run).ShouldBe(["git revert <commit-hash>", "./scripts/deploy.sh production"]);
        yaml.ShouldContain("# - run: \"git revert <commit-hash>\"");
        yaml.ShouldContain("  - run: ./scripts/deploy.sh production");
        Should.Throw<ImportException>(() => ChecklistImporter.Import("## Step 3: Deploy\n```bash\ngit push origin main\n```\n", "x.md"));
    }

    [Fact]
    public void TaskItems_BecomeManualChecks_UnlessACheckProvesThem()
    {
        var (result, yaml) = ImportHarness.Import("""
            ## Post-Deployment Validation
            ```sql
            SELECT id FROM feature_flags WHERE name = 'new_checkout';
            ```
            **Expected**: 1 row

            - [ ] Query returns 1 row for `new_checkout`
            - [x] Team notified in #releases
            - ✅ Rollback plan tested (dry run)
            """);

        result.Single("sql").Covers.ShouldBe([7]);
        var manual = result.Checks.Where(c => c.Kind == "manual").ToList();
        manual.Select(c => c.Field("prompt")).ShouldBe(["Team notified in #releases", "Rollback plan tested (dry run)"]);
        manual.Select(c => c.Severity).ShouldBe(["high", "medium"]);
        result.Claims.Count.ShouldBe(3);
        ImportHarness.Load(yaml).Checks.Count(c => c.Kind.Name == "manual").ShouldBe(2);
    }

    [Fact]
    public void HeadingPhases_PreSmokeMonitorRollback_AndAfterTheDeployStep()
    {
        var (result, _) = ImportHarness.Import("""
            # Release checklist
            ## Pre-Deployment
            ```sql
            SELECT 1 AS a;
            ```
            ## Step 4: Deploy Code Changes
            ```bash
            git push
            ```
            ## Step 5: Check the queue
            ```sql
            SELECT 2 AS b;
            ```
            ## Monitor for 1 hour
            ```sql
            SELECT 3 AS c;
            ```
            """);

        result.Checks.Select(c => c.Phase).ShouldBe([ImportPhase.Pre, ImportPhase.Post, ImportPhase.Watch]);
        result.Name.ShouldBe("release-checklist");
    }

    [Fact]
    public void SecretsInTheDocument_AreNeverCopied_AndEachIsWarnedWithItsLine()
    {
        const string key = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
        var (result, yaml) = ImportHarness.Import($$"""
            ## Smoke Test
            ```bash
            curl https://api.example.net/v1/me -H "Authorization: Bearer {{key}}"
            psql "postgres://admin:S3cretPassw0rd@db.example.net/app" -c "SELECT 1 AS up"
            ```
            """);

        yaml.ShouldNotContain(key);
        yaml.ShouldNotContain("S3cretPassw0rd");
        yaml.ShouldContain("Authorization: Bearer ${API_TOKEN}");
        result.Single("env").Field("require").ShouldBe(new List<string> { "API_TOKEN" });
        result.Warnings.Count.ShouldBe(2);
        result.Warnings.ShouldAllBe(w => w.StartsWith("CHECKLIST.md:3", StringComparison.Ordinal) || w.StartsWith("CHECKLIST.md:4", StringComparison.Ordinal));
        string.Join("\n", result.Warnings).ShouldNotContain(key);
        string.Join("\n", result.Warnings).ShouldNotContain("S3cretPassw0rd");
    }

    [Fact]
    public void NoChecklist_IsAnImportError()
    {
        var ex = Should.Throw<ImportException>(() => ChecklistImporter.Import("# Notes\n\nJust some prose about the release.\n", "notes.md"));
        ex.Message.ShouldContain("no checklist found");
    }

    [Fact]
    public void Mojibake_FromACopiedDocument_IsRepairedBeforeReading()
    {
        // "✅" that went through Windows-1252 and Mac Roman on its way into the file.
        Mojibake.Repair("- \u00e2\u0153\u2026 done").ShouldBe("- ✅ done");
        Mojibake.Repair("- \u201a\u00fa\u00d6 done").ShouldBe("- ✅ done");
        Mojibake.Repair("- ✅ café").ShouldBe("- ✅ café");
        var (result, _) = ImportHarness.Import("## Checks\n- \u00e2\u0153\u2026 Backups verified\n");
        result.Claims.ShouldHaveSingleItem().Mark.ShouldBe(ClaimMark.Done);
    }

    [Fact]
    public void YamlScalars_RoundTripThroughTheLoader()
    {
        foreach (var text in new[] { "plain", "a: b", "yes", "123", "with \"quotes\"", "#hash", "- dash", "${api}/health", "x:1", "trailing:" })
        {
            var scalar = SpecYamlWriter.Scalar(text);
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            stream.Load(new StringReader("v: " + scalar));
            ((YamlDotNet.RepresentationModel.YamlScalarNode)((YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlDotNet.RepresentationModel.YamlScalarNode("v")]).Value.ShouldBe(text);
        }
    }
}
