using System.Net;
using System.Text.Json.Nodes;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Greenlight.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Dashboard;

/// <summary>
/// A real watch window (the watch runner journaling into the store, under a fake clock) followed by
/// the dashboard: the watch page and its server-sent events carry each tick as the runner commits it.
/// </summary>
public sealed class WatchLiveTests
{
    private static string Yaml(string url) => $"""
        version: 1
        name: live
        checks:
          - id: api.latency
            kind: http
            phase: watch
            request: GET {url}/health
            expect: [status == 200]
        watch:
          every: 10s
          for: 30s
        """;

    internal sealed record LiveWindow(DashboardSite Site, FakeTimeProvider Time, Task<WatchReport> Run, string RunId, TestHttpServer Target) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Target.DisposeAsync();
            await Site.DisposeAsync();
        }

        /// <summary>Advances the clock a second at a time until <paramref name="done"/> holds (the runner and the feed both wait on it).</summary>
        public async Task AdvanceUntilAsync(Func<bool> done)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!done())
            {
                Time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10, patience.Token);
            }
        }
    }

    internal static async Task<LiveWindow> StartAsync()
    {
        var target = await TestHttpServer.StartAsync(app => app.MapGet("/health", () => Results.Ok()));
        var site = await DashboardSite.SqliteAsync();
        var time = new FakeTimeProvider(DashboardSite.Start);
        var spec = SpecHarness.Load(Yaml(target.Url), directory: site.Folder);
        var plan = WatchPlan.Resolve(spec, null, [], null, null, null);
        var journal = new WatchStore(site.Writer, spec, new RunProvenance("tester", Environment.MachineName, "3f2a1c0", "main"));
        var runId = Guid.CreateVersion7(DashboardSite.Start).ToString("N");
        var runner = new WatchRunner(spec, plan, new WatchRunOptions { Time = time, Journal = journal, RunId = runId });
        var run = Task.Run(() => runner.RunAsync(CancellationToken.None));
        await site.ServeAsync(time: time);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await site.Dashboard!.WatchAsync(runId, -1, CancellationToken.None))?.Measurements.Count is null or 0)
        {
            await Task.Delay(10, patience.Token); // tick 0 is measured at once
        }

        return new LiveWindow(site, time, run, runId, target);
    }

    [Fact]
    public async Task Events_EachTickAsTheRunnerCommitsIt_ThenTheEnd()
    {
        await using var live = await StartAsync();
        var events = new List<(string Name, JsonNode Data)>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reader = Task.Run(async () =>
        {
            using var response = await live.Site.Http.GetAsync($"{live.Site.Url}/api/watch/{live.RunId}/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
            using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            string? name = null;
            while (await stream.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    lock (events)
                    {
                        events.Add((name!, JsonNode.Parse(line[6..])!));
                    }
                }
            }
        }, cancel.Token);
        int Count()
        {
            lock (events)
            {
                return events.Count;
            }
        }

        await live.AdvanceUntilAsync(() => Count() >= 1);
        events[0].Name.ShouldBe("measurement");
        (events[0].Data["tick"]!.GetValue<int>(), events[0].Data["outcome"]!.GetValue<string>(), events[0].Data["value"]!.GetValue<string>()).ShouldBe((0, "pass", "200"));

        await live.AdvanceUntilAsync(() => live.Run.IsCompleted && Count() >= 4);
        await reader;

        var report = await live.Run;
        report.Verdict.ShouldBe(Verdict.Go);
        events.Select(e => e.Name).ShouldBe(["measurement", "measurement", "measurement", "end"]);
        events.Take(3).Select(e => e.Data["tick"]!.GetValue<int>()).ShouldBe([0, 1, 2]);
        events[^1].Data["verdict"]!.GetValue<string>().ShouldBe("go");
    }

    [Fact]
    public async Task Events_AfterTick_SendsOnlyLaterTicks()
    {
        await using var live = await StartAsync();
        await live.AdvanceUntilAsync(() => live.Run.IsCompleted);

        var body = await live.Site.Http.GetStringAsync($"{live.Site.Url}/api/watch/{live.RunId}/events?after=1");

        body.ShouldContain("\"tick\":2");
        body.ShouldNotContain("\"tick\":1");
        body.ShouldEndWith("event: end\ndata: {\"status\":\"finished\",\"verdict\":\"go\",\"verdict_text\":\"GO\"}\n\n");
    }

    [Fact]
    public async Task WatchPage_RunningShowsSeriesLimitAndLiveScript_FinishedShowsTheVerdict()
    {
        await using var live = await StartAsync();

        var (status, running, _) = await live.Site.GetAsync($"/watch/{live.RunId}");

        status.ShouldBe(HttpStatusCode.OK);
        running.ShouldContain("… running");
        running.ShouldContain("<h2 id=\"s-api.latency\">api.latency</h2>");
        running.ShouldContain("Limit: status == 200");
        running.ShouldContain("<svg class=\"chart\"");
        running.ShouldContain($"new EventSource('/api/watch/{live.RunId}/events?after=0')");
        running.ShouldContain("<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>");
        (await live.Site.GetAsync("/")).Body.ShouldContain($"<a href=\"/watch/{live.RunId}\">live: main");

        await live.AdvanceUntilAsync(() => live.Run.IsCompleted);
        var finished = (await live.Site.GetAsync($"/watch/{live.RunId}")).Body;

        finished.ShouldContain("✓ GO");
        finished.ShouldNotContain("EventSource");
        finished.Split("<tr><td>").Length.ShouldBe(4); // ticks 0, 1, 2 (every 10s for 30s)
        (await live.Site.GetAsync("/watch/nope")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await live.Site.GetAsync("/api/watch/nope/events")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
