using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Routes;

public class RoutesCheckTests
{
    private const string OpenApi = """
        {
          "openapi": "3.0.3",
          "info": { "title": "t", "version": "1" },
          "paths": {
            "/health": { "get": { "responses": { "200": { "description": "ok" } } } },
            "/api/items/{itemId}": { "get": { "parameters": [ { "name": "itemId", "in": "path", "required": true, "schema": { "type": "integer", "example": 7 } } ], "responses": { "200": { "description": "ok" } } } },
            "/api/items": { "post": { "responses": { "201": { "description": "ok" } } } },
            "/api/admin/stats": { "get": { "responses": { "200": { "description": "ok" } } } },
            "/api/report": { "get": { "responses": { "200": { "description": "ok" } } } },
            "/api/secure": { "get": { "responses": { "200": { "description": "ok" } } } }
          }
        }
        """;

    private static Task<TestHttpServer> ApiAsync() => TestHttpServer.StartAsync(app =>
    {
        app.MapGet("/health", () => "ok");
        app.MapGet("/api/items/{itemId:int}", (int itemId) => Results.Json(new { id = itemId }));
        app.MapPost("/api/items", () => Results.UnprocessableEntity());
        app.MapGet("/api/report", () => Results.StatusCode(500));
        app.MapGet("/api/secure", () => Results.Unauthorized());
    });

    [Fact]
    public async Task Routes_OneMissingAndOneBrokenAmongMany_AreTheFailures()
    {
        await using var server = await ApiAsync();
        using var dir = new TempDirectory();
        dir.Write("openapi.json", OpenApi);

        var result = (await SpecHarness.RunAsync($"""
            version: 1
            name: r
            checks:
              - {"{"} id: routes, kind: routes, base: "{server.Url}", openapi: openapi.json, paths: ["GET /health", "/api/items/3"], expect: [total == 7, mounted == 5] {"}"}
            """, directory: dir.Path)).Result("routes");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Assertions.Where(a => !a.Passed).Select(a => a.Describe()).ShouldBe(
        [
            "GET /api/admin/stats is mounted: GET /api/admin/stats is not mounted: 404 (not mounted)",
            "GET /api/report is mounted: GET /api/report is broken: 500 (broken)",
        ]);
        var table = result.Evidence.Single(e => e.Name == "routes").Content;
        table.ShouldContain("/api/items/7");
        table.ShouldContain("401 (mounted)");
        table.ShouldContain("422 (mounted)");
    }

    [Fact]
    public async Task Routes_YamlDocumentAndComparison_FindTheProxyThatDoesNot404()
    {
        await using var api = await ApiAsync();
        await using var proxy = await TestHttpServer.StartAsync(app => app.MapGet("/health", () => "ok"));
        using var dir = new TempDirectory();
        dir.Write("openapi.yaml", "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /health:\n    get: { responses: { '200': { description: ok } } }\n  /api/secure:\n    get: { responses: { '200': { description: ok } } }\n");

        var result = (await SpecHarness.RunAsync($"""
            version: 1
            name: r
            checks:
              - {"{"} id: domain, kind: routes, base: "{proxy.Url}", compare_base: "{api.Url}", openapi: openapi.yaml {"}"}
            """, directory: dir.Path)).Result("domain");

        result.Assertions.Where(a => !a.Passed).Select(a => a.Expression).ShouldBe(["GET /api/secure is mounted", "GET /api/secure answers alike on both bases"]);
    }

    [Fact]
    public async Task Routes_InvalidDocument_IsAnErrorSayingWhere()
    {
        using var dir = new TempDirectory();
        dir.Write("openapi.json", """{ "openapi": "3.0.3", "info": { "title": "t", "version": "1" }, "paths": { "health": { "get": { "responses": {} } } } }""");

        var result = (await SpecHarness.RunAsync("version: 1\nname: r\nchecks:\n  - { id: r, kind: routes, base: \"http://127.0.0.1:9\", openapi: openapi.json }\n", directory: dir.Path)).Result("r");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message!.ShouldStartWith("openapi.json is not a valid OpenAPI document:");
        result.Message!.ShouldContain("#/paths");
    }

    [Fact]
    public async Task Routes_BaseThatRefusesConnections_IsAnError()
    {
        var result = (await SpecHarness.RunAsync("version: 1\nname: r\nchecks:\n  - { id: r, kind: routes, base: \"http://127.0.0.1:9\", paths: [/health, /api/x] }\n")).Result("r");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message.ShouldBe("http://127.0.0.1:9 does not answer: connection refused by 127.0.0.1:9: nothing is listening there");
    }
}
