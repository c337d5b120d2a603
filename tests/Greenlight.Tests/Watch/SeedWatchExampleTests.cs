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

    [Fact]
    public async Task RawResponseStorage_ParseRateAgainstTheLastGoodWindow_CatchesADropAboveTheThreshold()
    {
        var url = await ReplicaAsync();
        using var store = new TempDirectory();
        string[] Watch(params string[] more) => ["watch", "-f", Spec, "--var", $"DATABASE_URL={url}", "--every", "1s", "--for", "2s", "--store", Path.Combine(store.Path, "h.db"), .. more];

        // The first window has nothing to compare with: inconclusive, never a silent pass (a note, as the check is low).
        var first = await CliHarness.RunAsync(Watch());
        first.ExitCode.ShouldBe(ExitCodes.Go, first.All);
        first.Stdout.ShouldContain("watch.parse-rate-stable (low) is inconclusive");

        // --baseline starts the chain: the first window is compared with, and the second one is GO.
        var second = await CliHarness.RunAsync(Watch("--baseline", "last"));
        second.ExitCode.ShouldBe(ExitCodes.Go, second.All);
        second.Stdout.ShouldNotContain("parse-rate-stable (low)");

        // 58 of the last hour's 59 direct before, 57 now: still above the 95% threshold, but more than a point below the last GO window.
        await TestDatabases.ExecutePostgresAsync(url, "UPDATE conversations SET parse_method_used = 'repair' WHERE conversation_id IN (SELECT conversation_id FROM conversations WHERE parse_method_used = 'direct' ORDER BY created_at DESC LIMIT 1)");
        var third = await CliHarness.RunAsync(Watch());
        third.Stdout.ShouldContain("watch.parse-rate-stable (low) failed", customMessage: third.All);
        third.Stdout.ShouldNotContain("watch.parse-rate (high)");
    }

    private async Task<string> ReplicaAsync()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Examples, "raw-response-storage", "replica", "fixed.sql")));
        return url;
    }
}

/// <summary>
/// Seed 004 after the deploy, for real: alembic upgrades a PostgreSQL replica, a real Prometheus
/// scrapes the app's latency histogram, `histogram_quantile(0.95, …) < 0.05` holds while the query
/// is fast and fails once it is slow, and the rollback runs `alembic downgrade -1` and proves the
/// table is gone.
/// </summary>
[Collection("postgres")]
public sealed class ToolHistoryWatchExampleTests(PostgresServer postgres)
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

    [Fact]
    public async Task ToolHistory_Issue12_SlowHistogramRollsBackWithAlembicAndTheTableIsGone()
    {
        var url = await postgres.CreateDatabaseAsync();
        await TestDatabases.ExecutePostgresAsync(url, await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Examples, "tool-history", "replica", "before.sql")));
        var alembicEnv = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = url.Replace("postgres://", "postgresql://", StringComparison.Ordinal),
            ["PATH"] = "/usr/bin:/bin:" + Environment.GetEnvironmentVariable("PATH"),
        };
        var backend = Path.Combine(RepositoryPaths.Examples, "tool-history", "backend");
        var upgrade = await ProcessAsync("alembic", ["upgrade", "head"], backend, alembicEnv);
        upgrade.ExitCode.ShouldBe(0, upgrade.Output);
        (await ScalarAsync(url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'user_tool_history'")).ShouldBe(1L);

        var prometheus = new PrometheusServer();
        await prometheus.InitializeAsync();
        using var stop = new CancellationTokenSource();
        var slow = 0;
        try
        {
            // The app's histogram: 20 fast queries (under 5 ms) per 200 ms, then, once `slow` is set, 20 slow ones (60-100 ms).
            var counts = new double[Buckets.Length + 1];
            var replica = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var from = Volatile.Read(ref slow) == 1 ? 4 : 0;
                    for (var i = from; i < counts.Length; i++)
                    {
                        counts[i] += 20;
                    }

                    for (var i = 0; i < Buckets.Length; i++)
                    {
                        prometheus.Set($"tool_history_query_seconds_bucket{{le=\"{Buckets[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}\"}}", counts[i]);
                    }

                    prometheus.Set("tool_history_query_seconds_bucket{le=\"+Inf\"}", counts[^1]);
                    prometheus.Set("tool_history_query_seconds_count", counts[^1]);
                    await Task.Delay(200, CancellationToken.None);
                }
            });
            await prometheus.WaitForSampleAsync("rate(tool_history_query_seconds_bucket[5s]) > 0", TimeSpan.FromSeconds(60));

            using var store = new TempDirectory();
            var spec = Path.Combine(RepositoryPaths.Examples, "tool-history", "watch", "greenlight.yaml");

            // A fast window first: GO, and the table is still there.
            var good = await CliHarness.RunAsync("watch", "-f", spec, "--var", $"DATABASE_URL={url}", "--var", $"PROMETHEUS_URL={prometheus.Url}", "--every", "1s", "--for", "6s", "--store", Path.Combine(store.Path, "h.db"), "--no-color");
            good.ExitCode.ShouldBe(ExitCodes.Go, good.All);
            good.Stdout.ShouldContain("watch.query-latency");

            // Then the query turns slow: three failures in a row, NO-GO, alembic downgrade -1, and the post check proves the table gone.
            Volatile.Write(ref slow, 1);
            await prometheus.WaitForSampleAsync("histogram_quantile(0.95, sum by (le) (rate(tool_history_query_seconds_bucket[3s])))", TimeSpan.FromSeconds(30), v => v > 0.05);
            var bad = await CliHarness.RunAsync("watch", "-f", spec, "--var", $"DATABASE_URL={url}", "--var", $"PROMETHEUS_URL={prometheus.Url}", "--every", "1s", "--for", "20s",
                "--rollback-on-fail", "--store", Path.Combine(store.Path, "h.db"), "--no-color");

            bad.ExitCode.ShouldBe(ExitCodes.NoGo, bad.All);
            bad.Stdout.ShouldContain("3 failures in a row (consecutive_failure_limit 3)");
            bad.Stdout.ShouldContain("downgrade the schema one step");
            bad.Stdout.ShouldContain("Post checks after the rollback: GO", customMessage: bad.All);
            (await ScalarAsync(url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'user_tool_history'")).ShouldBe(0L);
        }
        finally
        {
            await stop.CancelAsync();
            await prometheus.DisposeAsync();
        }
    }

    private static async Task<long> ScalarAsync(string url, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Greenlight.Store.ConnectionStrings.FromUrl(url));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(int ExitCode, string Output)> ProcessAsync(string file, string[] args, string cwd, IReadOnlyDictionary<string, string> env)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
