using Greenlight.Alerts;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Greenlight.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Watch;

/// <summary>The loop under a fake clock: the schedule, limits and resume are exact, and no test sleeps through a window.</summary>
public sealed class WatchRunnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class Journal : IWatchJournal
    {
        public List<Measurement> Measurements { get; } = [];

        public Task StartAsync(WatchPlan plan, string runId, DateTimeOffset windowStart, bool resumed, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RecordAsync(string runId, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
        {
            lock (Measurements)
            {
                Measurements.AddRange(measurements);
            }

            return Task.CompletedTask;
        }

        public Task FinishAsync(WatchReport report, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Sink : IAlertSink
    {
        public List<AlertEvent> Alerts { get; } = [];

        public void Publish(AlertEvent alert)
        {
            lock (Alerts)
            {
                Alerts.Add(alert);
            }
        }
    }

    /// <summary>A target answering the status codes in order, then the last one.</summary>
    private static Task<TestHttpServer> Target(params int[] statuses)
    {
        var served = 0;
        return TestHttpServer.StartAsync(app => app.MapGet("/health", () => Results.StatusCode(statuses[Math.Min(Interlocked.Increment(ref served) - 1, statuses.Length - 1)])));
    }

    private static string Yaml(string url, string severity = "high", string rules = "") => $"""
        version: 1
        name: runner
        checks:
          - id: api
            kind: http
            phase: watch
            severity: {severity}
            request: GET {url}/health
            expect: [status == 200]
        watch:
          every: 10s
          for: 60s
        {rules}
        """;

    /// <summary>Runs the window, advancing the fake clock only once the measurement of each tick has arrived.</summary>
    private static async Task<(WatchReport Report, Journal Journal, Sink Sink)> RunAsync(string yaml, TestHttpServer server, WatchResume? resume = null)
    {
        var spec = SpecHarness.Load(yaml);
        var time = new FakeTimeProvider(Start);
        var journal = new Journal();
        var sink = new Sink();
        var plan = WatchPlan.Resolve(spec, null, [], null, null, null);
        var runner = new WatchRunner(spec, plan, new WatchRunOptions { Time = time, Journal = journal, Alerts = sink, Resume = resume });
        var run = Task.Run(() => runner.RunAsync(CancellationToken.None));
        var seen = resume?.Measurements.Count ?? 0;
        while (!run.IsCompleted)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (journal.Measurements.Count + (resume?.Measurements.Count ?? 0) <= seen && !run.IsCompleted)
            {
                await Task.Delay(5, patience.Token);
            }

            seen = journal.Measurements.Count + (resume?.Measurements.Count ?? 0);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        return (await run, journal, sink);
    }

    [Fact]
    public async Task RunAsync_Schedule_MeasuresEveryTickAtItsPlannedTime()
    {
        await using var server = await Target(200);

        var (report, journal, _) = await RunAsync(Yaml(server.Url), server);

        report.Verdict.ShouldBe(Verdict.Go);
        journal.Measurements.Select(m => m.Tick).ShouldBe([0, 1, 2, 3, 4, 5]);
        journal.Measurements.Select(m => m.PlannedAt).ShouldBe(Enumerable.Range(0, 6).Select(i => Start.AddSeconds(10 * i)));
        journal.Measurements.ShouldAllBe(m => m.Lag == TimeSpan.Zero);
    }

    [Fact]
    public async Task RunAsync_BlipWithinConsecutiveFailureLimit_StaysGoAndAlertsTwice()
    {
        await using var server = await Target(200, 500, 200, 200, 200, 200);

        var (report, _, sink) = await RunAsync(Yaml(server.Url, rules: "  consecutive_failure_limit: 2"), server);

        report.Verdict.ShouldBe(Verdict.Go);
        sink.Alerts.Select(a => a.Kind).ShouldBe([AlertEventKind.CheckFailing, AlertEventKind.CheckRecovered, AlertEventKind.WindowEnded]);
    }

    [Fact]
    public async Task RunAsync_SustainedFailureOfACriticalCheck_EndsTheWindowAtOnce()
    {
        await using var server = await Target(200, 500, 500);

        var (report, journal, _) = await RunAsync(Yaml(server.Url, severity: "critical", rules: "  consecutive_failure_limit: 2"), server);

        report.Verdict.ShouldBe(Verdict.NoGo);
        report.EndedEarly!.ShouldContain("critical check api failed");
        journal.Measurements.Count.ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_Resume_ContinuesAtTheNextTickWithoutRepeating()
    {
        await using var server = await Target(200);
        var stored = Enumerable.Range(0, 3).Select(i => CheckTrackerTests.M(i, MeasurementOutcome.Pass) with { CheckId = "api", PlannedAt = Start.AddSeconds((10 * i) - 30) }).ToList();
        var resume = new WatchResume("run1", "main", Start.AddSeconds(-30), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.Zero, stored);

        var (report, journal, _) = await RunAsync(Yaml(server.Url), server, resume);

        // The window started 30 s before the clock's now: tick 3 is due now, and 0-2 are not taken again.
        journal.Measurements.Select(m => m.Tick).ShouldBe([3, 4, 5]);
        journal.Measurements[0].PlannedAt.ShouldBe(Start);
        report.Measurements.ShouldBe(6);
        report.RunId.ShouldBe("run1");
        report.Verdict.ShouldBe(Verdict.Go);
    }

    [Fact]
    public async Task RunAsync_TargetDown_ErrorsUntilTheErrorLimit()
    {
        var (report, journal, _) = await RunAsync(Yaml("http://127.0.0.1:9", rules: "  consecutive_error_limit: 3"), null!);

        journal.Measurements.Count.ShouldBe(3);
        journal.Measurements.ShouldAllBe(m => m.Outcome == MeasurementOutcome.Error);
        report.Checks.Single().Outcome.ShouldBe(MeasurementOutcome.Error);
        report.Verdict.ShouldBe(Verdict.NoGo);
    }
    [Fact]
    public async Task RunAsync_SlowCheck_DelaysOnlyItselfAndTakesItsMissedTickLate()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/fast", () => Results.Ok());
            app.MapGet("/slow", async () =>
            {
                await release.Task;
                return Results.Ok();
            });
        });
        var spec = SpecHarness.Load($"""
            version: 1
            name: runner
            checks:
              - id: fast
                kind: http
                phase: watch
                request: GET {server.Url}/fast
                expect: [status == 200]
              - id: slow
                kind: http
                phase: watch
                request: GET {server.Url}/slow
                timeout: 5m
                expect: [status == 200]
            watch:
              every: 10s
              for: 30s
            """);
        var time = new FakeTimeProvider(Start);
        var journal = new Journal();
        var plan = WatchPlan.Resolve(spec, null, [], null, null, null);
        var run = Task.Run(() => new WatchRunner(spec, plan, new WatchRunOptions { Time = time, Journal = journal }).RunAsync(CancellationToken.None));

        async Task Until(Func<bool> condition)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!condition())
            {
                await Task.Delay(5, patience.Token);
            }
        }

        IReadOnlyList<string> Taken()
        {
            lock (journal.Measurements)
            {
                return [.. journal.Measurements.Select(m => $"{m.CheckId}{m.Tick}")];
            }
        }

        await Until(() => Taken().Count == 1);
        time.Advance(TimeSpan.FromSeconds(10));
        await Until(() => Taken().Count == 2);
        time.Advance(TimeSpan.FromSeconds(10));
        await Until(() => Taken().Count == 3);

        // The slow check's first answer is still out: the fast one kept its own schedule.
        Taken().ShouldBe(["fast0", "fast1", "fast2"]);
        release.SetResult();
        await Until(() => Taken().Count == 5);
        var slow = journal.Measurements.Where(m => m.CheckId == "slow").ToList();
        slow.Select(m => m.Tick).ShouldBe([0, 1]);

        // Spread over the first second: the second of two checks is planned half a second after the tick.
        slow[0].PlannedAt.ShouldBe(Start.AddMilliseconds(500));
        slow[1].PlannedAt.ShouldBe(Start.AddSeconds(10.5));
        slow[1].Lag.ShouldBe(TimeSpan.FromSeconds(9.5), "tick 1 was due while tick 0 was still out: taken late, not skipped");
        time.Advance(TimeSpan.FromSeconds(10));
        var report = await run.WaitAsync(TimeSpan.FromSeconds(20));
        report.Measurements.ShouldBe(6);
        report.Verdict.ShouldBe(Verdict.Go);
    }
}
