using System.Collections.Concurrent;
using System.Text.Json;
using Greenlight.Tests.Fixtures;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Mcp;

/// <summary><c>greenlight mcp</c> end to end: the real process, the SDK's own client over stdio.</summary>
public class McpServerTests
{
    private static readonly string[] ReadOnlyTools =
    [
        "validate_spec", "list_checks", "run_checks", "list_runs", "get_run", "get_check", "diff_runs", "explain_failure",
        "schema_snapshot", "schema_diff", "migration_plan", "import_checklist", "audit_checklist",
    ];

    [Fact]
    public async Task ListTools_Default_OffersEveryToolButSignoffAndRollback()
    {
        await using var mcp = await McpHarness.StartAsync();

        var tools = await mcp.Client.ListToolsAsync();

        tools.Select(t => t.Name).Order(StringComparer.Ordinal).ShouldBe(ReadOnlyTools.Order(StringComparer.Ordinal));
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            tool.Description.ShouldNotBeNullOrWhiteSpace();
            tool.InputSchema.GetProperty("type").GetString().ShouldBe("object", tool.Name);
            tool.InputSchema.GetProperty("additionalProperties").GetBoolean().ShouldBeFalse(tool.Name);
            tool.OutputSchema.ShouldNotBeNull(tool.Name);
            tool.OutputSchema!.Value.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldContain("schema", tool.Name);
        }

        tools.Single(t => t.Name == "get_run").ProtocolTool.Annotations!.ReadOnlyHint.ShouldBe(true);
        tools.Single(t => t.Name == "run_checks").ProtocolTool.Annotations!.ReadOnlyHint.ShouldBe(false);
        mcp.Stderr.ShouldContain(line => line.Contains("greenlight mcp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListTools_AllowFlags_AddSignoffAndRollback()
    {
        await using var mcp = await McpHarness.StartAsync("--allow-signoff", "--allow-rollback");

        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name);

        tools.Keys.ShouldContain("signoff");
        tools.Keys.ShouldContain("rollback");
        tools["rollback"].ProtocolTool.Annotations!.DestructiveHint.ShouldBe(true);
    }

    [Theory]
    [InlineData("signoff", "--allow-signoff")]
    [InlineData("rollback", "--allow-rollback")]
    public async Task CallTool_GatedToolWithoutItsFlag_IsAnInvalidParamsErrorNamingTheFlag(string tool, string flag)
    {
        await using var mcp = await McpHarness.StartAsync();

        var error = await Should.ThrowAsync<McpProtocolException>(() => mcp.CallAsync(tool, new() { ["check"] = "release.approved", ["by"] = "Ann" }));

        error.ErrorCode.ShouldBe(McpErrorCode.InvalidParams);
        error.Message.ShouldContain(flag);
    }

    [Fact]
    public async Task CallTool_BadArguments_AreInvalidParamsErrorsAndTheServerGoesOn()
    {
        await using var mcp = await McpHarness.StartAsync();

        var unknown = await Should.ThrowAsync<McpProtocolException>(() => mcp.CallAsync("list_checks", new() { ["phse"] = "pre" }));
        var wrongValue = await Should.ThrowAsync<McpProtocolException>(() => mcp.CallAsync("list_checks", new() { ["phase"] = "during" }));
        var wrongType = await Should.ThrowAsync<McpProtocolException>(() => mcp.CallAsync("get_check", new() { ["check"] = "greet", ["max_chars"] = "lots" }));
        var missing = await Should.ThrowAsync<McpProtocolException>(() => mcp.CallAsync("get_check"));
        var noSuchTool = await Should.ThrowAsync<McpProtocolException>(() => mcp.CallAsync("deploy_everything"));

        unknown.Message.ShouldContain("`phse`");
        wrongValue.Message.ShouldContain("pre, post, watch");
        wrongType.Message.ShouldContain("max_chars");
        missing.Message.ShouldContain("`check` is required");
        noSuchTool.Message.ShouldContain("no tool `deploy_everything`");
        foreach (var error in new[] { unknown, wrongValue, wrongType, missing, noSuchTool })
        {
            error.ErrorCode.ShouldBe(McpErrorCode.InvalidParams);
        }

        var after = await mcp.CallAsync("validate_spec");
        after.IsError.ShouldNotBe(true);
    }

    [Fact]
    public async Task ValidateSpec_InvalidSpec_AnswersEveryErrorWithLineAndColumn()
    {
        await using var mcp = await McpHarness.StartAsync();
        mcp.Directory.Write("broken.yaml", "version: 1\nname: broken\nchecks:\n  - id: a\n    kind: htp\n");

        var valid = McpHarness.Json(await mcp.CallAsync("validate_spec"));
        var result = await mcp.CallAsync("validate_spec", new() { ["spec"] = Path.Combine(mcp.Directory.Path, "broken.yaml") });

        valid.GetProperty("schema").GetString().ShouldBe("greenlight.validate/v1");
        valid.GetProperty("checks").GetInt32().ShouldBe(3);
        result.IsError.ShouldNotBe(true);
        var error = McpHarness.Json(result).GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("line").GetInt32().ShouldBe(5);
        error.GetProperty("column").GetInt32().ShouldBeGreaterThan(0);
        error.GetProperty("message").GetString()!.ShouldContain("htp");
        result.StructuredContent.ShouldNotBeNull();
    }

    [Fact]
    public async Task ListChecks_AnswersIdsKindsPhasesAndNeeds()
    {
        await using var mcp = await McpHarness.StartAsync();

        var all = McpHarness.Json(await mcp.CallAsync("list_checks"));
        var post = McpHarness.Json(await mcp.CallAsync("list_checks", new() { ["phase"] = "post" }));

        all.GetProperty("schema").GetString().ShouldBe("greenlight.checks/v1");
        var checks = all.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        checks.Keys.ShouldBe(["greet", "table.exists", "release.approved"]);
        checks["table.exists"].GetProperty("kind").GetString().ShouldBe("sql");
        checks["table.exists"].GetProperty("phase").GetString().ShouldBe("post");
        checks["table.exists"].GetProperty("needs").EnumerateArray().Select(n => n.GetString()).ShouldBe(["greet"]);
        checks["greet"].GetProperty("line").GetInt32().ShouldBe(9);
        post.GetProperty("count").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task RunChecks_WithAProgressToken_NotifiesEachFinishedCheckThenAnswersTheReport()
    {
        await using var mcp = await McpHarness.StartAsync();
        var progress = new Recorder();

        var result = await mcp.CallAsync("run_checks", new() { ["phase"] = "post" }, progress);

        result.IsError.ShouldNotBe(true);
        var report = McpHarness.Json(result);
        report.GetProperty("schema").GetString().ShouldBe("greenlight.report/v1");
        report.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ShouldBe(["greet", "table.exists"]);
        report.GetProperty("verdict").GetString().ShouldBe("go");

        // The result must equal its structured content, so agents that read either see the same.
        JsonSerializer.Serialize(result.StructuredContent).ShouldBe(JsonSerializer.Serialize(report));

        // One notification when the run starts and one per finished check, all sent before the answer.
        var values = progress.Values.ToList();
        values.Count.ShouldBe(3);
        values.Select(v => v.Progress).ShouldBe([0f, 1f, 2f]);
        values.ShouldAllBe(v => v.Total == 2);
        values.Last().Message!.ShouldContain(": pass");
    }

    [Fact]
    public async Task RunChecks_InvalidSpec_IsAToolErrorWithTheSpecErrors()
    {
        await using var mcp = await McpHarness.StartAsync();
        mcp.Directory.Write("broken.yaml", "version: 1\nname: broken\nchecks: []\nbogus: 1\n");

        var result = await mcp.CallAsync("run_checks", new() { ["spec"] = Path.Combine(mcp.Directory.Path, "broken.yaml") });

        result.IsError.ShouldBe(true);
        var problem = McpHarness.Json(result);
        problem.GetProperty("problem").GetString().ShouldBe("spec");
        problem.GetProperty("errors").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task GetRunGetCheckDiffAndExplain_AfterAPassThenAFail_PointAtTheLastPassAndWhatChanged()
    {
        await using var mcp = await McpHarness.StartAsync();
        var first = McpHarness.Json(await mcp.CallAsync("run_checks", new() { ["only"] = new[] { "greet" } }));
        var second = McpHarness.Json(await mcp.CallAsync("run_checks", new() { ["only"] = new[] { "greet" }, ["vars"] = new Dictionary<string, string> { ["GREETING"] = "goodbye" } }));

        var run = McpHarness.Json(await mcp.CallAsync("get_run", new() { ["run"] = "last" }));
        var check = McpHarness.Json(await mcp.CallAsync("get_check", new() { ["check"] = "greet", ["max_chars"] = 20 }));
        var diff = McpHarness.Json(await mcp.CallAsync("diff_runs"));
        var explained = McpHarness.Json(await mcp.CallAsync("explain_failure"));
        var runs = McpHarness.Json(await mcp.CallAsync("list_runs", new() { ["limit"] = 5 }));

        first.GetProperty("verdict").GetString().ShouldBe("go");
        second.GetProperty("verdict").GetString().ShouldBe("no_go");
        run.GetProperty("run_id").GetString().ShouldBe(second.GetProperty("run_id").GetString());
        runs.GetProperty("runs").GetArrayLength().ShouldBe(2);

        var evidence = check.GetProperty("result").GetProperty("evidence").EnumerateArray().ToList();
        evidence.ShouldNotBeEmpty();
        evidence.ShouldAllBe(e => e.GetProperty("content").GetString()!.Length <= 20);
        evidence.Count(e => e.TryGetProperty("full_length", out var full) && full.GetInt64() > 20).ShouldBeGreaterThan(0);

        diff.GetProperty("regressions_found").GetBoolean().ShouldBeTrue();
        diff.GetProperty("regressions").EnumerateArray().Single().GetProperty("id").GetString().ShouldBe("greet");

        var failure = explained.GetProperty("failures").EnumerateArray().Single();
        failure.GetProperty("id").GetString().ShouldBe("greet");
        var assertion = failure.GetProperty("failed_assertions").EnumerateArray().Single();
        assertion.GetProperty("expr").GetString().ShouldBe("stdout contains \"hello\"");
        assertion.GetProperty("actual").GetString()!.ShouldContain("goodbye");
        assertion.GetProperty("expected").GetString()!.ShouldContain("hello");
        failure.GetProperty("fix").GetString().ShouldBe("set GREETING back to hello");
        failure.GetProperty("last_passed").GetProperty("run_id").GetString().ShouldBe(first.GetProperty("run_id").GetString());
        failure.GetProperty("changed_since").EnumerateArray().Select(c => c.GetString()).ShouldContain(c => c!.Contains("goodbye", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreTools_BeforeAnyRun_AreToolErrorsSayingWhatToDo()
    {
        await using var mcp = await McpHarness.StartAsync();

        var result = await mcp.CallAsync("get_run");

        result.IsError.ShouldBe(true);
        var problem = McpHarness.Json(result);
        problem.GetProperty("problem").GetString().ShouldBe("store");
        problem.GetProperty("message").GetString()!.ShouldContain("call run_checks first");
    }

    [Fact]
    public async Task SchemaSnapshotAndDiff_OnSqliteFiles_AnswerYamlAndTheDifferences()
    {
        await using var mcp = await McpHarness.StartAsync();
        var other = Path.Combine(mcp.Directory.Path, "other.db");
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={other};Pooling=false"))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            create.CommandText = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL)";
            await create.ExecuteNonQueryAsync();
        }

        var snapshot = McpHarness.Json(await mcp.CallAsync("schema_snapshot", new() { ["target"] = "db" }));
        var diff = McpHarness.Json(await mcp.CallAsync("schema_diff", new() { ["a"] = "db", ["b"] = "sqlite:" + other }));

        snapshot.GetProperty("tables").GetInt32().ShouldBe(1);
        snapshot.GetProperty("yaml").GetString()!.ShouldContain("items");
        diff.GetProperty("equal").GetBoolean().ShouldBeFalse();
        diff.GetProperty("changes").EnumerateArray().ShouldContain(c => c.GetProperty("description").GetString()!.Contains("price", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrationPlan_WithoutATarget_LintsTheFiles()
    {
        await using var mcp = await McpHarness.StartAsync();
        mcp.Directory.Write("migrations/001_index.sql", "CREATE INDEX items_name ON items (name);\n");

        var plan = McpHarness.Json(await mcp.CallAsync("migration_plan", new() { ["path"] = Path.Combine(mcp.Directory.Path, "migrations") }));

        plan.GetProperty("schema").GetString().ShouldBe("greenlight.migration-plan/v1");
        plan.GetProperty("findings").EnumerateArray().ShouldContain(f => f.GetProperty("rule").GetString()!.Contains("concurrently", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ImportAndAuditChecklist_AnswerTheSpecAndTheJudgedClaims()
    {
        await using var mcp = await McpHarness.StartAsync();
        var checklist = mcp.Directory.Write("CHECKLIST.md", "# Release\n\n- [x] ✅ Greeting works: `echo hello`\n- [ ] Ask QA\n");
        await mcp.CallAsync("run_checks", new() { ["only"] = new[] { "greet" } });

        var imported = McpHarness.Json(await mcp.CallAsync("import_checklist", new() { ["checklist"] = checklist }));
        var audit = McpHarness.Json(await mcp.CallAsync("audit_checklist", new() { ["checklist"] = checklist }));

        imported.GetProperty("schema").GetString().ShouldBe("greenlight.import/v1");
        imported.GetProperty("spec_yaml").GetString()!.ShouldContain("checks:");
        imported.GetProperty("items").GetInt32().ShouldBeGreaterThan(0);
        audit.GetProperty("schema").GetString().ShouldBe("greenlight.audit/v1");
        audit.GetProperty("counts").GetProperty("unproven").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Signoff_WithItsFlag_RecordsTheSignoffAndTheNextRunCountsIt()
    {
        await using var mcp = await McpHarness.StartAsync("--allow-signoff");

        var signed = McpHarness.Json(await mcp.CallAsync("signoff", new() { ["check"] = "release.approved", ["by"] = "Ann QA", ["note"] = "looked at staging" }));
        var report = McpHarness.Json(await mcp.CallAsync("run_checks", new() { ["only"] = new[] { "release.approved" } }));

        signed.GetProperty("complete").GetBoolean().ShouldBeTrue();
        signed.GetProperty("signed_by").GetString().ShouldBe("Ann QA");
        report.GetProperty("results").EnumerateArray().Single().GetProperty("outcome").GetString().ShouldBe("pass");
    }

    [Fact]
    public async Task Rollback_WithItsFlag_DryRunListsStepsAndARealOneRunsThem()
    {
        await using var mcp = await McpHarness.StartAsync("--allow-rollback");

        var plan = McpHarness.Json(await mcp.CallAsync("rollback", new() { ["dry_run"] = true }));
        var done = await mcp.CallAsync("rollback", new() { ["verify"] = false });

        plan.GetProperty("schema").GetString().ShouldBe("greenlight.rollback-plan/v1");
        plan.GetProperty("steps").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("say it rolled back");
        done.IsError.ShouldNotBe(true);
        var report = McpHarness.Json(done);
        report.GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        report.GetProperty("steps").EnumerateArray().Single().GetProperty("stdout").GetString()!.ShouldContain("rolled back ***");
    }

    [Fact]
    public async Task ResourcesAndPrompt_AnswerTheSpecTheSchemaTheLastReportAndTheWalkThrough()
    {
        await using var mcp = await McpHarness.StartAsync();
        await mcp.CallAsync("run_checks", new() { ["only"] = new[] { "greet" } });

        var resources = await mcp.Client.ListResourcesAsync();
        var spec = await mcp.Client.ReadResourceAsync("greenlight://spec");
        var schema = await mcp.Client.ReadResourceAsync("greenlight://spec-schema");
        var last = await mcp.Client.ReadResourceAsync("greenlight://report/last");
        var missing = await Should.ThrowAsync<McpProtocolException>(async () => await mcp.Client.ReadResourceAsync("greenlight://nothing"));
        var prompts = await mcp.Client.ListPromptsAsync();
        var prompt = await mcp.Client.GetPromptAsync("verify_release", new Dictionary<string, object?> { ["deploy"] = "./deploy.sh" });

        resources.Select(r => r.Uri).ShouldBe(["greenlight://spec", "greenlight://report/last", "greenlight://spec-schema"]);
        ((TextResourceContents)spec.Contents.Single()).Text.ShouldContain("name: mcp-test");
        using (var parsed = JsonDocument.Parse(((TextResourceContents)schema.Contents.Single()).Text))
        {
            parsed.RootElement.GetProperty("$schema").GetString()!.ShouldStartWith("http://json-schema.org/");
        }

        ((TextResourceContents)last.Contents.Single()).Text.ShouldContain("greenlight.report/v1");
        missing.ErrorCode.ShouldBe(McpErrorCode.ResourceNotFound);
        prompts.Select(p => p.Name).ShouldBe(["verify_release"]);
        var text = string.Concat(prompt.Messages.Select(m => (m.Content as TextContentBlock)?.Text));
        foreach (var step in new[] { "validate_spec", "phase `pre`", "./deploy.sh", "phase `post`", "phase `watch`", "explain_failure" })
        {
            text.ShouldContain(step);
        }
    }

    [Fact]
    public async Task EveryToolResult_NeverShowsAPlantedSecret()
    {
        await using var mcp = await McpHarness.StartAsync("--allow-signoff", "--allow-rollback");
        var checklist = mcp.Directory.Write("CHECKLIST.md", $"# Release\n\n- [x] ✅ Token works: `curl -H 'Authorization: Bearer {McpHarness.EnvironmentSecret}' http://127.0.0.1:1/`\n");
        var progress = new Recorder();
        var answers = new List<string>
        {
            McpHarness.Text(await mcp.CallAsync("validate_spec")),
            McpHarness.Text(await mcp.CallAsync("list_checks")),
            McpHarness.Text(await mcp.CallAsync("run_checks", new() { ["vars"] = new Dictionary<string, string> { ["GREETING"] = McpHarness.EnvironmentSecret } }, progress)),
            McpHarness.Text(await mcp.CallAsync("run_checks", new() { ["only"] = new[] { "greet" } }, progress)),
            McpHarness.Text(await mcp.CallAsync("list_runs")),
            McpHarness.Text(await mcp.CallAsync("get_run")),
            McpHarness.Text(await mcp.CallAsync("get_check", new() { ["check"] = "greet" })),
            McpHarness.Text(await mcp.CallAsync("diff_runs")),
            McpHarness.Text(await mcp.CallAsync("explain_failure", new() { ["run"] = "last~1" })),
            McpHarness.Text(await mcp.CallAsync("schema_snapshot", new() { ["target"] = "pg" })),
            McpHarness.Text(await mcp.CallAsync("schema_diff", new() { ["a"] = "db", ["b"] = "pg" })),
            McpHarness.Text(await mcp.CallAsync("migration_plan", new() { ["path"] = mcp.Directory.Write("m/001.sql", "SELECT 1;\n"), ["target"] = $"postgres://app:{McpHarness.UrlPassword}@127.0.0.1:1/app" })),
            McpHarness.Text(await mcp.CallAsync("import_checklist", new() { ["checklist"] = checklist })),
            McpHarness.Text(await mcp.CallAsync("audit_checklist", new() { ["checklist"] = checklist })),
            McpHarness.Text(await mcp.CallAsync("signoff", new() { ["check"] = "release.approved", ["by"] = "Ann", ["note"] = McpHarness.DotEnvSecret })),
            McpHarness.Text(await mcp.CallAsync("rollback", new() { ["verify"] = false })),
            ((TextResourceContents)(await mcp.Client.ReadResourceAsync("greenlight://spec")).Contents.Single()).Text,
            ((TextResourceContents)(await mcp.Client.ReadResourceAsync("greenlight://report/last")).Contents.Single()).Text,
        };
        answers.AddRange(progress.Values.Select(v => v.Message ?? ""));
        var error = await Should.ThrowAsync<McpProtocolException>(() => mcp.CallAsync("get_check", new() { ["check"] = McpHarness.EnvironmentSecret, ["bogus"] = 1 }));
        answers.Add(error.Message);

        // The secrets were really in play: the command printed them and the database errors named the URL.
        answers[2].ShouldContain("***");
        answers[9].ShouldContain("127.0.0.1");
        foreach (var answer in answers)
        {
            answer.ShouldNotContain(McpHarness.EnvironmentSecret);
            answer.ShouldNotContain(McpHarness.UrlPassword);
            answer.ShouldNotContain(McpHarness.DotEnvSecret);
        }
    }

    /// <summary>Records progress as it arrives (Progress&lt;T&gt; would post it later, out of order).</summary>
    private sealed class Recorder : IProgress<ProgressNotificationValue>
    {
        public ConcurrentQueue<ProgressNotificationValue> Values { get; } = new();

        public void Report(ProgressNotificationValue value) => Values.Enqueue(value);
    }
}
