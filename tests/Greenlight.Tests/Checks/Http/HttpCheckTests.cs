using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Http;

public class HttpCheckTests
{
    private static Task<RunReport> Run(string check) => SpecHarness.RunAsync($"version: 1\nname: x\nchecks:\n{check}");

    [Fact]
    public async Task Observe_StatusHeaderJsonAndDuration_AreAsserted()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/health", (HttpResponse r) =>
        {
            r.Headers["X-Version"] = "3f2a1c0";
            return Results.Json(new { config_loaded = true, db = new { ok = true, latency_ms = 4 }, items = new[] { 1, 2, 3 } });
        }));

        var report = await Run($"""
              - id: health
                kind: http
                request: GET {server.Url}/health
                expect:
                  - status == 200
                  - header.x-version == "3f2a1c0"
                  - header.content-type contains "application/json"
                  - json.$.config_loaded == true
                  - json.$.db.latency_ms < 50
                  - len(json.$.items) == 3
                  - json.$.items[*] contains 2
                  - json.$.missing not exists
                  - duration < 5s
            """);

        var result = report.Result("health");
        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Assertions.Count.ShouldBe(9);
        result.Evidence.Select(e => e.Name).ShouldBe(["request", "response"]);
        result.Evidence[1].Content.ShouldStartWith("HTTP/1.1 200 OK");
    }

    [Fact]
    public async Task Observe_FailedAssertions_ReportActualValues()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/health", () => Results.Json(new { config_loaded = false }, statusCode: 503)));

        var result = (await Run($"""
              - id: health
                kind: http
                request: GET {server.Url}/health
                expect: [status == 200, json.$.config_loaded == true, 'body contains "ok"']
            """)).Result("health");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message.ShouldBe("status == 200: actual 503; json.$.config_loaded == true: actual false; body contains \"ok\": actual \"{\\\"config_loaded\\\":false}\"");
    }

    [Fact]
    public async Task Observe_PostWithJsonBodyAndHeaders_SendsThem()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapPost("/echo", async (HttpRequest r) =>
        {
            using var reader = new StreamReader(r.Body);
            return Results.Json(new { body = await reader.ReadToEndAsync(), tenant = r.Headers["X-Tenant"].ToString(), type = r.ContentType });
        }));

        var result = (await Run($"""
              - id: echo
                kind: http
                request:
                  method: POST
                  url: {server.Url}/echo
                  headers: {"{"} X-Tenant: acme {"}"}
                  json: {"{"} name: "n", count: 2, ok: true, tags: [a, b] {"}"}
                expect:
                  - json.$.body == "{"{"}\"name\":\"n\",\"count\":2,\"ok\":true,\"tags\":[\"a\",\"b\"]{"}"}"
                  - json.$.tenant == "acme"
                  - json.$.type contains "application/json"
            """)).Result("echo");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
    }

    [Fact]
    public async Task Observe_JsonNull_SendsTheJsonNullBody()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapPost("/echo", async (HttpRequest r) =>
        {
            using var reader = new StreamReader(r.Body);
            return Results.Json(new { body = await reader.ReadToEndAsync(), type = r.ContentType });
        }));

        var result = (await Run($"""
              - id: echo
                kind: http
                request: {"{"} method: POST, url: "{server.Url}/echo", json: null {"}"}
                expect: ['json.$.body == "null"', json.$.type contains "application/json"]
            """)).Result("echo");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
    }

    [Fact]
    public async Task Observe_Samples_SendsNRequestsAndGivesPercentiles()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/fast", () => "ok"));

        var result = (await Run($"""
              - id: latency
                kind: http
                request: GET {server.Url}/fast
                samples: 25
                expect: [p50(duration) < 5s, p95(duration) < 5s, max(duration) < 10s]
            """)).Result("latency");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        server.Requests.ShouldBe(26); // one warm-up request first, not counted
        result.Evidence[1].Content.ShouldContain("25 samples, p50");
    }

    [Fact]
    public async Task Observe_RedirectsOff_SeesTheRedirect()
    {
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/old", () => Results.Redirect("/new"));
            app.MapGet("/new", () => "moved here");
        });

        var report = await Run($"""
              - id: off
                kind: http
                request: GET {server.Url}/old
                follow_redirects: false
                expect: [status == 302, header.location == "/new"]
              - id: on
                kind: http
                request: GET {server.Url}/old
                expect: [status == 200, 'body == "moved here"', 'url matches /\/new$/']
            """);

        report.Result("off").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("off").Message);
        report.Result("on").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("on").Message);
    }

    [Fact]
    public async Task Observe_NothingListening_IsAnErrorNamingTheEndpoint()
    {
        var result = (await Run("""
              - { id: down, kind: http, request: GET http://127.0.0.1:9/health, timeout: 5s }
            """)).Result("down");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message.ShouldBe("connection refused by 127.0.0.1:9: nothing is listening there");
    }

    [Fact]
    public async Task Observe_NameThatDoesNotResolve_IsAnError()
    {
        var result = (await Run("""
              - { id: dns, kind: http, request: GET http://greenlight-test.invalid/, timeout: 10s }
            """)).Result("dns");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message.ShouldBe("host `greenlight-test.invalid` does not resolve (DNS)");
    }

    [Fact]
    public async Task Observe_HugeBody_IsCutAtMaxBodyWithoutDownloadingIt()
    {
        const int total = 50 * 1024 * 1024;
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/big", async (HttpContext c) =>
        {
            c.Response.ContentLength = total;
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            try
            {
                for (var sent = 0; sent < total; sent += chunk.Length)
                {
                    await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The client stopped reading, as it should.
            }
        }));

        var result = (await Run($"""
              - id: big
                kind: http
                request: GET {server.Url}/big
                max_body: 1MiB
                expect: [status == 200, len(body) == 1048576]
            """)).Result("big");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        var response = result.Evidence.Single(e => e.Name == "response");
        response.FullLength.ShouldBe(1048576);
        response.Content.ShouldContain("body cut at max_body, the rest was not downloaded");
    }

    [Fact]
    public async Task Observe_BodyWithANameTwice_IsAFailureThatSaysSo_NotAnException()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/", () => Results.Text("{\"app\": \"mosaic\", \"app\": \"other\"}", "application/json")));

        var result = (await Run($"""
              - {"{"} id: app, kind: http, request: GET {server.Url}/, expect: [json.$.app == "mosaic"] {"}"}
            """)).Result("app");

        result.Outcome.ShouldBe(CheckOutcome.Fail, result.Message);
        result.Message!.ShouldContain("<missing: the body is not JSON (");
        result.Message!.ShouldContain("app");
    }

    [Fact]
    public async Task Observe_BodyThatIsNotJson_ExplainsWhyJsonIsMissing()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/", () => "<html>Hello World</html>"));

        var result = (await Run($"""
              - {"{"} id: app, kind: http, request: GET {server.Url}/, expect: [json.$.app == "mosaic"] {"}"}
            """)).Result("app");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("<missing: the body is not JSON");
    }

    [Fact]
    public async Task Observe_UntrustedCertificate_IsAnErrorUnlessTlsVerifyIsOff()
    {
        var (app, url) = await TestTlsServer.StartAsync();
        await using var _ = app;

        var report = await Run($"""
              - {"{"} id: strict, kind: http, request: GET {url}/, timeout: 10s {"}"}
              - {"{"} id: lax, kind: http, request: GET {url}/, tls_verify: false, expect: ['body == "secure hello"'] {"}"}
            """);

        report.Result("strict").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("strict").Message!.ShouldStartWith("TLS handshake with 127.0.0.1:");
        report.Result("strict").Message!.ShouldEndWith("(set tls_verify: false to accept any certificate)");
        report.Result("lax").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("lax").Message);
    }
}
