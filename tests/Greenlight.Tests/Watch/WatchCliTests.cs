using System.Collections.Concurrent;
using Greenlight.Cli;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Watch;

/// <summary>greenlight watch as a real process: a blip, alerts to a local webhook, kill -9 and --resume, a dead webhook.</summary>
public sealed class WatchCliTests
{
    private const string Secret = "sk-watch-secret-value-42";

    [Fact]
    public async Task Watch_BlipWithAlerts_StaysGoAndEachStateChangeArrivesOnceWithoutSecrets()
    {
        var statuses = new[] { 200, 500, 200 };
        var served = 0;
        await using var target = await TestHttpServer.StartAsync(app => app.MapGet("/health", () => Results.StatusCode(statuses[Math.Min(Interlocked.Increment(ref served) - 1, statuses.Length - 1)])));
        var received = new ConcurrentQueue<string>();
        await using var hook = await TestHttpServer.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        }));
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", $$"""
            version: 1
            name: blip
            secrets: [API_TOKEN]
            checks:
              - id: api.health
                kind: http
                phase: watch
                request:
                  method: GET
                  url: {{target.Url}}/health?token=${API_TOKEN}
                expect: [status == 200]
                fix: Check the service with token ${API_TOKEN}.
            watch:
              consecutive_failure_limit: 2
            alerts:
              - webhook: {{hook.Url}}/hook
              - slack: {{hook.Url}}/hook
                events: [window_ended]
            """);

        var run = await CliHarness.RunProcessAsync(dir.Path, new Dictionary<string, string> { ["API_TOKEN"] = Secret }, "watch", "--every", "1s", "--for", "4s");

        run.ExitCode.ShouldBe(ExitCodes.Go, run.All);
        run.All.ShouldNotContain(Secret);
        var bodies = received.ToList();
        bodies.ShouldAllBe(b => !b.Contains(Secret));
        bodies.Count(b => b.Contains("\"event\":\"check_failing\"")).ShouldBe(1);
        bodies.Count(b => b.Contains("\"event\":\"check_recovered\"")).ShouldBe(1);
        bodies.Count(b => b.Contains("\"event\":\"window_ended\"")).ShouldBe(1);
        bodies.Count(b => b.StartsWith("{\"text\":", StringComparison.Ordinal)).ShouldBe(1);
        bodies.Count.ShouldBe(4);
        bodies.First(b => b.Contains("check_failing")).ShouldContain("\"spec\":\"blip\"");
    }

    [Fact]
    public async Task Watch_KilledThenResumed_ContinuesTheSameWindowWithoutLosingOrRepeating()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", """
            version: 1
            name: resumable
            checks:
              - id: tick
                kind: command
                phase: watch
                run: "true"
            watch: { every: 1s, for: 8s }
            """);
        var db = Path.Combine(dir.Path, ".greenlight", "history.db");

        using (var first = CliHarness.Start(dir.Path, null, "watch"))
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await CountAsync(db) < 3)
            {
                await Task.Delay(50, patience.Token);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var run = await CliHarness.RunProcessAsync(dir.Path, null, "watch", "--resume");

        run.ExitCode.ShouldBe(ExitCodes.Go, run.All);
        run.Stdout.ShouldContain("Resuming window main");
        var ticks = await TicksAsync(db);
        ticks.ShouldBe(ticks.Distinct().ToList());
        ticks.ShouldBe(Enumerable.Range(0, 8).ToList());

        var show = await CliHarness.RunAsync("show", "last", "-f", Path.Combine(dir.Path, "greenlight.yaml"), "--check", "tick");
        show.Stdout.ShouldContain("8 measurements");
        var history = await CliHarness.RunAsync("history", "-f", Path.Combine(dir.Path, "greenlight.yaml"), "--check", "tick");
        history.Stdout.ShouldContain("Measurements of tick");
    }

    [Fact]
    public async Task Watch_DeadWebhook_NeverBlocksTheWatchAndTheFailureIsRecorded()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", """
            version: 1
            name: dead-hook
            checks:
              - { id: ok, kind: command, phase: watch, run: "true" }
            alerts:
              - webhook: http://127.0.0.1:9/hook
                timeout: 1s
                retries: 1
                backoff: 100ms
            """);

        var started = DateTime.UtcNow;
        var run = await CliHarness.RunProcessAsync(dir.Path, null, "watch", "--every", "1s", "--for", "2s");

        run.ExitCode.ShouldBe(ExitCodes.Go, run.All);
        run.Stdout.ShouldContain("alert window_ended to webhook was not delivered after 2 attempts");
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(20));

        // The failed delivery is in the store, under the window's run.
        var show = await CliHarness.RunAsync("show", "last", "-f", Path.Combine(dir.Path, "greenlight.yaml"));
        show.Stdout.ShouldContain("Alerts: 0 delivered, 1 not delivered");
        show.Stdout.ShouldMatch(@"not delivered: window_ended to webhook at \d\d:\d\d:\d\d UTC after 2 attempts: ");
    }

    private static async Task<long> CountAsync(string db)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM gl_measurements";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static async Task<List<int>> TicksAsync(string db)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tick FROM gl_measurements ORDER BY tick";
        var ticks = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ticks.Add(reader.GetInt32(0));
        }

        return ticks;
    }
}
