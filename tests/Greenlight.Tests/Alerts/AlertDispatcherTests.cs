using System.Collections.Concurrent;
using System.Text.Json;
using Greenlight.Alerts;
using Greenlight.Secrets;
using Greenlight.Spec;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Alerts;

/// <summary>Every channel against a real receiver on 127.0.0.1 or a real process: payloads, templates, filters, and failed deliveries on record.</summary>
public sealed class AlertDispatcherTests
{
    private const string Secret = "sk-live-0123456789abcdef";

    private static readonly SourceLocation Here = new("greenlight.yaml", 1, 1);

    private static AlertContext Context() => new("storage", "production", "1.4.2", "abc1234", new Redactor([Secret]));

    private static AlertEvent Failing(Severity severity = Severity.High) => new()
    {
        Kind = AlertEventKind.CheckFailing,
        At = new DateTimeOffset(2026, 12, 1, 20, 5, 0, TimeSpan.Zero),
        CheckId = "reviews.parse-rate",
        Severity = severity,
        Value = "0.91",
        Outcome = "fail",
        Limits = "fails 1/1",
        Message = $"rate > 0.95: actual 0.91 \"quoted\" (key {Secret})",
        Fix = "Look at conversations with requires_manual_review = true.",
        Summary = $"storage: reviews.parse-rate is failing (key {Secret})",
    };

    private static AlertEvent WindowEnded() => new()
    {
        Kind = AlertEventKind.WindowEnded,
        At = new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero),
        Verdict = Greenlight.Engine.Verdict.NoGo,
        Summary = "storage: watch window `main` ended NO-GO",
    };

    private static async Task<(TestHttpServer Server, ConcurrentQueue<(string Path, string Body)> Received)> ReceiverAsync()
    {
        var received = new ConcurrentQueue<(string, string)>();
        var server = await TestHttpServer.StartAsync(app => app.MapPost("/{name}", async (HttpContext http, string name) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            received.Enqueue(("/" + name, await reader.ReadToEndAsync()));
            return name == "broken" ? Results.StatusCode(500) : Results.Ok();
        }));
        return (server, received);
    }

    private static async Task<IReadOnlyList<AlertDelivery>> SendAsync(IReadOnlyList<AlertChannel> channels, params AlertEvent[] events)
    {
        var dispatcher = new AlertDispatcher(channels, Context(), s => s, TimeProvider.System);
        foreach (var alert in events)
        {
            dispatcher.Publish(alert);
        }

        await dispatcher.DrainAsync(TimeSpan.FromSeconds(30));
        var deliveries = dispatcher.Deliveries;
        await dispatcher.DisposeAsync();
        return deliveries;
    }

    [Fact]
    public async Task Send_Teams_IsAMessageCardWithTheFixAndNoSecret()
    {
        var (server, received) = await ReceiverAsync();
        await using var _ = server;
        var deliveries = await SendAsync([new AlertChannel { Type = AlertChannelType.Teams, Url = server.Url + "/teams", Location = Here }], Failing());

        deliveries.ShouldHaveSingleItem().Delivered.ShouldBeTrue();
        var (path, body) = received.ShouldHaveSingleItem();
        path.ShouldBe("/teams");
        body.ShouldNotContain(Secret);
        var card = JsonDocument.Parse(body).RootElement;
        card.GetProperty("@type").GetString().ShouldBe("MessageCard");
        card.GetProperty("title").GetString().ShouldBe("Greenlight: check_failing");
        card.GetProperty("themeColor").GetString().ShouldBe("E01E5A");
        card.GetProperty("text").GetString()!.ShouldContain("fix: Look at conversations with requires_manual_review = true.<br>environment: production<br>version: 1.4.2<br>commit: abc1234");
    }

    [Fact]
    public async Task Send_Template_ReplacesFieldsJsonEscapedAndRedacted()
    {
        var (server, received) = await ReceiverAsync();
        await using var _ = server;
        var channel = new AlertChannel
        {
            Type = AlertChannelType.Webhook,
            Url = server.Url + "/custom",
            Template = """{"text": "${alert.summary}", "why": "${alert.message}", "fix": "${alert.fix}", "env": "${alert.environment}"}""",
            Location = Here,
        };
        await SendAsync([channel], Failing());

        var body = received.ShouldHaveSingleItem().Body;
        body.ShouldNotContain(Secret);
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("why").GetString().ShouldBe("rate > 0.95: actual 0.91 \"quoted\" (key ***)");
        json.GetProperty("fix").GetString().ShouldBe("Look at conversations with requires_manual_review = true.");
        json.GetProperty("env").GetString().ShouldBe("production");
    }

    [Fact]
    public void Load_TemplateWithAnUnknownField_IsASpecErrorAtItsColumn()
    {
        var ex = SpecHarness.LoadFails("""
            version: 1
            name: storage
            checks:
              - { id: ok, kind: command, run: "true" }
            alerts:
              - webhook: http://127.0.0.1:9/hook
                template: '{"text": "${alert.sumary}"}'
            """);
        var error = ex.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("`template`: unknown field `${alert.sumary}`; did you mean `${alert.summary}`?");
        (error.Location.Line, error.Location.Column).ShouldBe((7, 26));
    }

    [Fact]
    public async Task Send_SeverityAndEventFilters_PassOnlyWhatTheChannelWants()
    {
        var (server, received) = await ReceiverAsync();
        await using var _ = server;
        AlertChannel[] channels =
        [
            new() { Type = AlertChannelType.Slack, Url = server.Url + "/critical-only", Severities = [Severity.Critical], Location = Here },
            new() { Type = AlertChannelType.Webhook, Url = server.Url + "/ends-only", Events = [AlertEventKind.WindowEnded], Location = Here },
        ];
        await SendAsync(channels, Failing(Severity.High), Failing(Severity.Critical), WindowEnded());

        var byPath = received.GroupBy(r => r.Path).ToDictionary(g => g.Key, g => g.Select(r => r.Body).ToList());
        // critical-only: the critical failure and the window's end (window events always pass a severity filter).
        byPath["/critical-only"].Count.ShouldBe(2);
        byPath["/critical-only"][0].ShouldContain("reviews.parse-rate is failing");
        byPath["/critical-only"][1].ShouldContain("ended NO-GO");
        var ends = byPath["/ends-only"].ShouldHaveSingleItem();
        JsonDocument.Parse(ends).RootElement.GetProperty("verdict").GetString().ShouldBe("no_go");
    }

    [Fact]
    public async Task Send_Command_GetsThePayloadInItsEnvironment_AndAFailingCommandIsRecorded()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "alert.json");
        AlertChannel[] channels =
        [
            new() { Type = AlertChannelType.Command, Run = $"printf '%s' \"$GREENLIGHT_ALERT\" > '{file}'", Location = Here },
            new() { Type = AlertChannelType.Command, Run = "echo no pager here >&2; exit 3", Retries = 1, Backoff = TimeSpan.FromMilliseconds(10), Location = Here },
        ];
        var deliveries = await SendAsync(channels, Failing());

        var payload = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
        payload.GetProperty("schema").GetString().ShouldBe("greenlight.alert/v1");
        payload.GetProperty("event").GetString().ShouldBe("check_failing");
        payload.GetProperty("check").GetString().ShouldBe("reviews.parse-rate");
        payload.GetProperty("limits").GetString().ShouldBe("fails 1/1");
        payload.GetProperty("commit").GetString().ShouldBe("abc1234");
        payload.GetRawText().ShouldNotContain(Secret);

        var failed = deliveries.Single(d => !d.Delivered);
        failed.Attempts.ShouldBe(2);
        failed.Error.ShouldBe("exit code 3: no pager here");
    }

    [Fact]
    public async Task Record_FailedDeliveries_AreKeptInTheStoreUnderTheRun()
    {
        var (server, received) = await ReceiverAsync();
        await using var _ = server;
        AlertChannel[] channels =
        [
            new() { Type = AlertChannelType.Webhook, Url = server.Url + "/broken", Retries = 2, Backoff = TimeSpan.FromMilliseconds(10), Location = Here },
            new() { Type = AlertChannelType.Webhook, Url = server.Url + "/fine", Location = Here },
        ];
        var deliveries = await SendAsync(channels, WindowEnded());
        received.Count(r => r.Path == "/broken").ShouldBe(3);

        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: storage\nchecks:\n  - { id: ok, kind: command, run: \"true\" }\n");
        var store = await RunStoreFactory.OpenAsync(null, spec, CancellationToken.None);
        await AlertLog.RecordAsync(store, "run-1", deliveries, CancellationToken.None);
        var stored = await AlertLog.ReadAsync(store, "run-1", CancellationToken.None);

        stored.Count.ShouldBe(2);
        var broken = stored.Single(d => !d.Delivered);
        (broken.Event, broken.Channel, broken.Attempts, broken.Error).ShouldBe((AlertEventKind.WindowEnded, "webhook", 3, "HTTP 500"));
        stored.Single(d => d.Delivered).Attempts.ShouldBe(1);
    }
}
