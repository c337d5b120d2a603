using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Examples;

/// <summary>Each seed example against its broken replica (NO-GO, with the expected failing checks) and its fixed one (GO).</summary>
[Collection("postgres")]
public class SeedExampleTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("raw-response-storage", new[] { "db.migration-columns", "storage.bucket", "watch.parse-rate", "watch.review-queue" }, new[] { "db.conversations-schema", "smoke.raw-stored" })]
    [InlineData("tool-history", new[] { "db.migration-head", "db.tool-history-table", "db.migration-dry-run", "db.migration-pending" }, new[] { "perf.tool-success-rate", "perf.preferred-tools", "data.recording" })]
    public async Task Example_BrokenReplicaIsNoGo_FixedReplicaIsGo(string example, string[] failing, string[] skipped)
    {
        var broken = await RunAsync(example, "broken.sql");
        broken.Verdict.ShouldBe(Verdict.NoGo);
        broken.Results.Where(r => r.Outcome is CheckOutcome.Fail or CheckOutcome.Error).Select(r => r.Id).Order(StringComparer.Ordinal)
            .ShouldBe(failing.Order(StringComparer.Ordinal), string.Join("\n", broken.Results.Select(r => $"{r.Id}: {r.Outcome} {r.Message}")));
        broken.Results.Where(r => r.Outcome == CheckOutcome.Skipped).Select(r => r.Id).Order(StringComparer.Ordinal).ShouldBe(skipped.Order(StringComparer.Ordinal));

        var fixedRun = await RunAsync(example, "fixed.sql");
        fixedRun.Verdict.ShouldBe(Verdict.Go, string.Join("\n", fixedRun.Results.Select(r => $"{r.Id}: {r.Outcome} {r.Message} {string.Join("; ", r.Warnings)}")));
    }

    [Fact]
    public async Task ToolHistory_PartialMigration_NamesTheMissingIndexes()
    {
        var report = await RunAsync("tool-history", "broken.sql", only: ["db.tool-history-table"]);

        var failures = report.Result("db.tool-history-table").Assertions.Where(a => !a.Passed).Select(a => a.Expression).ToList();
        failures.ShouldBe(["index idx_user_tool_history_user_created on user_tool_history", "index idx_user_tool_history_metrics on user_tool_history"]);
    }

    private async Task<RunReport> RunAsync(string example, string replica, string[]? only = null)
    {
        var url = await postgres.CreateDatabaseAsync();
        var folder = Path.Combine(RepositoryPaths.Examples, example);
        await TestDatabases.ExecutePostgresAsync(url, await File.ReadAllTextAsync(Path.Combine(folder, "replica", replica)));
        using var backups = new TempDirectory();
        backups.Write("backup-before-prompt2-20251117.sql", "-- pg_dump output");
        return await ExampleRunner.RunAsync(Path.Combine(folder, "greenlight.yaml"),
            new Dictionary<string, string> { ["DATABASE_URL"] = url, ["BACKUP_DIR"] = backups.Path, ["PATH"] = Environment.GetEnvironmentVariable("PATH")! }, only);
    }
}
