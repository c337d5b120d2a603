using Greenlight.Import;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Import;

/// <summary>The five seed documents import into specs that load, and what each converts is pinned.</summary>
public class SeedImportTests
{
    private static (ImportResult Result, string Yaml) ImportSeed(string file)
    {
        var path = Path.Combine(RepositoryPaths.Examples, "checklists", file);
        return ImportHarness.Import(File.ReadAllText(path), file);
    }

    public static TheoryData<string> Seeds() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Examples, "checklists"), "*.md").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_ImportsIntoASpecThatLoads_WithASourceOnEveryCheck(string file)
    {
        var (result, yaml) = ImportSeed(file);
        var spec = ImportHarness.Load(yaml);
        spec.Checks.Count.ShouldBe(result.Checks.Count);
        spec.Checks.ShouldAllBe(c => c.Source != null && c.Source.StartsWith(file + ":", StringComparison.Ordinal));
        result.Items.ShouldBeGreaterThan(0);
        (result.Runnable + result.Manual).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Seed001_NineColumnsBucketSmokeTestWatchQueriesAndRollbackSql()
    {
        var (result, _) = ImportSeed("001-raw-response-storage.md");
        var sql = result.Checks.Where(c => c.Kind == "sql").ToList();

        var columns = sql.Single(c => ((string)c.Field("query")).Contains("information_schema.columns", StringComparison.Ordinal));
        columns.Expect.ShouldBe(["rows == 9"]);
        sql.ShouldContain(c => ((string)c.Field("query")).Contains("storage.buckets", StringComparison.Ordinal));

        var smoke = result.Single("http");
        smoke.Phase.ShouldBe(ImportPhase.Post);
        var request = (List<KeyValuePair<string, object>>)smoke.Field("request");
        request.ShouldContain(new KeyValuePair<string, object>("method", "POST"));
        ((List<KeyValuePair<string, object>>)request.First(r => r.Key == "headers").Value).ShouldContain(new KeyValuePair<string, object>("x-user-id", "test-user"));

        var smokeCheck = sql.Single(c => ((string)c.Field("query")).Contains("INTERVAL '5 minutes'", StringComparison.Ordinal));
        smokeCheck.Expect.ShouldContain("row[0].raw_response_url is not empty");
        smokeCheck.Expect.ShouldContain("row[0].raw_response_path matches /^raw\\//");

        var watch = sql.Where(c => c.Phase == ImportPhase.Watch).Select(c => (string)c.Field("query")).ToList();
        watch.ShouldContain(q => q.Contains("INTERVAL '1 hour'", StringComparison.Ordinal) && q.Contains("requires_manual_review", StringComparison.Ordinal));
        watch.ShouldContain(q => q.Contains("INTERVAL '24 hours'", StringComparison.Ordinal));
        sql.Single(c => ((string)c.Field("query")).StartsWith("SELECT COUNT(*) FROM conversations", StringComparison.Ordinal)).Expect.ShouldBe(["value == 0"]);

        result.Rollback.ShouldContain(s => s.Run.Contains("DROP COLUMN IF EXISTS raw_response_url", StringComparison.Ordinal));
        result.Rollback.ShouldContain(s => s.Run.StartsWith("git revert", StringComparison.Ordinal));
        result.Single("file").Field("path").ShouldBe("backup-before-prompt2-*.sql");
    }

    [Fact]
    public void Seed004_SixIndexesMigrationHeadAndHealth()
    {
        var (result, _) = ImportSeed("004-phase4-checklist.md");
        var schema = result.Single("schema");
        var table = ((List<KeyValuePair<string, object>>)schema.Field("tables")).ShouldHaveSingleItem();
        table.Key.ShouldBe("user_tool_history");
        ((List<string>)((List<KeyValuePair<string, object>>)table.Value).Single(f => f.Key == "indexes").Value).Count.ShouldBe(6);

        var head = result.Checks.Single(c => c.Kind == "command" && c.Fields.Any(f => f.Key == "argv"));
        head.Expect.ShouldContain("stdout contains \"p2_add_user_tool_history (head)\"");

        result.Checks.Where(c => c.Kind == "http").ShouldContain(c => (string)c.Field("request") == "GET ${api}/health" && c.Expect.Contains("status == 200"));
        result.Rollback.ShouldContain(s => s.Run == "cd backend && alembic downgrade -1");
        result.Warnings.ShouldContain(w => w.Contains("PGPASSWORD", StringComparison.Ordinal));
        result.CheckFor(LineOf("004-phase4-checklist.md", "Migration status shows"))!.ShouldBe(head);
    }

    [Fact]
    public void Seed000_KeysTablesForeignKeyAndIndex()
    {
        var (result, _) = ImportSeed("000-mosaic-mvp-review.md");
        var env = result.Single("env");
        ((List<string>)env.Field("require")).ShouldBe(["DATABASE_URL", "CLAUDE_API_KEY", "OPENAI_API_KEY"], ignoreOrder: true);
        env.Field("optional").ShouldBe(new List<string> { "ANTHROPIC_API_KEY" });

        var schema = result.Checks.Where(c => c.Kind == "schema").ToList();
        var tableNames = schema.SelectMany(c => (List<KeyValuePair<string, object>>)c.Field("tables")).Select(t => t.Key).Distinct().ToList();
        tableNames.ShouldBe(["users", "sessions", "ps101_responses", "user_contexts"], ignoreOrder: true);
        var yaml = SpecYamlWriter.Write(result);
        yaml.ShouldContain("references: users(id)");
        yaml.ShouldContain("on_delete: cascade");
        yaml.ShouldContain("indexes: [idx_contexts_extracted]");
        result.Verdicts.ShouldContain(v => v.Line == LineOf("000-mosaic-mvp-review.md", "**Status:**"));
    }

    private static int LineOf(string file, string text) =>
        File.ReadAllLines(Path.Combine(RepositoryPaths.Examples, "checklists", file)).Select((l, i) => (l, i)).First(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;
}
