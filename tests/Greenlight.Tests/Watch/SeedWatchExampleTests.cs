using Greenlight.Cli;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Watch;

/// <summary>Seed 001's watch section against its replica in compressed time: a good window, and a bad one that rolls back.</summary>
[Collection("postgres")]
public sealed class SeedWatchExampleTests(PostgresServer postgres)
{
    private static string Spec => Path.Combine(RepositoryPaths.Examples, "raw-response-storage", "greenlight.yaml");

    [Fact]
    public async Task RawResponseStorage_GoodWindow_IsGo()
    {
        var url = await ReplicaAsync();
        using var store = new TempDirectory();

        var run = await CliHarness.RunAsync("watch", "-f", Spec, "--var", $"DATABASE_URL={url}", "--every", "1s", "--for", "4s", "--store", Path.Combine(store.Path, "h.db"));

        run.ExitCode.ShouldBe(ExitCodes.Go, run.All);
        run.Stdout.ShouldContain("watch.parse-rate");
        run.Stdout.ShouldContain("Verdict: GO");
    }

    [Fact]
    public async Task RawResponseStorage_BadWindow_RollsBackAndVerifies()
    {
        var url = await ReplicaAsync();
        await TestDatabases.ExecutePostgresAsync(url, "UPDATE conversations SET parse_method_used = 'repair' WHERE conversation_id IN (SELECT conversation_id FROM conversations ORDER BY created_at LIMIT 30)");
        using var store = new TempDirectory();
        var marker = Path.Combine(store.Path, "rolled-back");

        var run = await CliHarness.RunAsync("watch", "-f", Spec, "--var", $"DATABASE_URL={url}", "--var", $"ROLLBACK_COMMAND=touch {marker}", "--every", "1s", "--for", "6s", "--rollback-on-fail", "--store", Path.Combine(store.Path, "h.db"));

        run.ExitCode.ShouldBe(ExitCodes.NoGo, run.All);
        run.Stdout.ShouldContain("watch.parse-rate (high) failed: 2 failures in a row (consecutive_failure_limit 2)");
        File.Exists(marker).ShouldBeTrue();
        run.Stdout.ShouldContain("Post checks after the rollback: GO");
    }

    private async Task<string> ReplicaAsync()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Examples, "raw-response-storage", "replica", "fixed.sql")));
        return url;
    }
}
