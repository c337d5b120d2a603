using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Migration;

/// <summary>Issue 11 item 4: the seeds' migrations in examples/, against their replicas.</summary>
[Collection("postgres")]
public class MigrationExampleTests(PostgresServer postgres)
{
    [Fact]
    public async Task RawResponseStorage_Issue11_DryRunsTwiceOnTheFixedReplicaAndAddsNineColumnsBeforeIt()
    {
        var fixedRun = await RunAsync("raw-response-storage", "fixed.sql", "db.migration-dry-run");
        fixedRun.Outcome.ShouldBe(CheckOutcome.Pass, fixedRun.Message);

        // The database before the migration: the fixed replica without the nine columns.
        var before = await RunAsync("raw-response-storage", "fixed.sql", "db.migration-dry-run", """
            DROP INDEX IF EXISTS idx_conversations_manual_review;
            ALTER TABLE conversations DROP COLUMN raw_response_url, DROP COLUMN raw_response_path, DROP COLUMN raw_response_size,
              DROP COLUMN raw_stored_at, DROP COLUMN parse_attempts, DROP COLUMN last_parse_attempt_at, DROP COLUMN parse_error_message,
              DROP COLUMN parse_method_used, DROP COLUMN requires_manual_review;
            """);
        before.Outcome.ShouldBe(CheckOutcome.Pass, before.Message);
        before.Evidence.Single(e => e.Name == "changes").Content.Split('\n').Count(l => l.StartsWith("column conversations.", StringComparison.Ordinal) && l.Contains(" added", StringComparison.Ordinal)).ShouldBe(9);
    }

    [Fact]
    public async Task RawResponseStorage_Issue11_ColumnWithAnotherType_FailsWithTheServersError()
    {
        var result = await RunAsync("raw-response-storage", "wrong-type.sql", "db.migration-dry-run");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("(20251117_add_raw_response_storage_columns.sql:17) fails: operator does not exist: text = boolean");
    }

    [Fact]
    public async Task ToolHistory_Issue11_CleanDryRunBeforeTheDeployAndNothingPendingAfter()
    {
        var before = await RunAsync("tool-history", "before.sql", "db.migration-dry-run");
        before.Outcome.ShouldBe(CheckOutcome.Pass, before.Message);
        before.Evidence.Single(e => e.Name == "changes").Content.ShouldContain("table user_tool_history added");

        (await RunAsync("tool-history", "fixed.sql", "db.migration-pending")).Outcome.ShouldBe(CheckOutcome.Pass);
        var broken = await RunAsync("tool-history", "broken.sql", "db.migration-pending");
        broken.Outcome.ShouldBe(CheckOutcome.Fail);
        broken.Message!.ShouldContain("pending == 0: actual 1");
    }

    [Fact]
    public async Task PulseCheck_Issue11_ViewBeforeItsTable_IsCaughtWithFileAndLine()
    {
        var spec = SpecLoader.LoadFile(Path.Combine(RepositoryPaths.Examples, "pulsecheck", "greenlight.yaml"), new SpecLoadOptions
        {
            Environment = new Dictionary<string, string> { ["REPLICA"] = "broken", ["PATH"] = Environment.GetEnvironmentVariable("PATH")! },
        });

        var result = (await new RunEngine(spec, new RunOptions { Only = ["db.migration-order"] }).RunAsync(CancellationToken.None)).Results.Single();

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("depends-on-later-object at 001_journal_views.sql:2:1: view daily_moods uses journal_entries, which is only created later, by 002_journal_tables.sql:2");
    }

    private async Task<CheckResult> RunAsync(string example, string replica, string check, string? then = null)
    {
        var url = await postgres.CreateDatabaseAsync();
        var folder = Path.Combine(RepositoryPaths.Examples, example);
        await TestDatabases.ExecutePostgresAsync(url, await System.IO.File.ReadAllTextAsync(Path.Combine(folder, "replica", replica)));
        if (then is not null)
        {
            await TestDatabases.ExecutePostgresAsync(url, then);
        }

        var spec = SpecLoader.LoadFile(Path.Combine(folder, "greenlight.yaml"), new SpecLoadOptions
        {
            Environment = new Dictionary<string, string> { ["DATABASE_URL"] = url, ["PATH"] = Environment.GetEnvironmentVariable("PATH")! },
        });
        return (await new RunEngine(spec, new RunOptions { Only = [check] }).RunAsync(CancellationToken.None)).Results.Single();
    }
}
