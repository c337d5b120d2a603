using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Routes;

/// <summary>Regression tests of issue 9 for routes: a frontend's fallback page is not the API.</summary>
public class RoutesRuntimeTests
{
    private const string OpenApi = """
        {
          "openapi": "3.0.3",
          "info": { "title": "t", "version": "1" },
          "paths": {
            "/api/users": { "get": { "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "type": "array" } } } } } } },
            "/api/health": { "get": { "responses": { "200": { "description": "ok", "content": { "application/json": {} } } } } }
          }
        }
        """;

    /// <summary>A static host with an SPA fallback: index.html, 200, for every path.</summary>
    private const string Spa = """
        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"<!doctype html><html><body><div id=root></div><script src=/app.js></script></body></html>"
                self.send_response(200); self.send_header("Content-Type", "text/html"); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
            def log_message(self, *a): pass
        """;

    /// <summary>An API that 404s unknown paths, but answers /api/users with an HTML page (a proxy's error page, a template).</summary>
    private const string HtmlWhereJsonIsDeclared = """
        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/api/health":
                    body, kind, status = b'{"ok": true}', "application/problem+json", 200
                elif self.path == "/api/users":
                    body, kind, status = b"<html>users</html>", "text/html; charset=utf-8", 200
                else:
                    body, kind, status = b"not found", "text/plain", 404
                self.send_response(status); self.send_header("Content-Type", kind); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
            def log_message(self, *a): pass
        """;

    private static async Task<RunReport> RunAsync(string url, string extra = "")
    {
        using var dir = new TempDirectory();
        dir.Write("openapi.json", OpenApi);
        return await SpecHarness.RunAsync($"version: 1\nname: r\nchecks:\n  - {{ id: routes, kind: routes, base: {url}, openapi: openapi.json{extra} }}\n", directory: dir.Path);
    }

    [Fact]
    public async Task Routes_SpaFallbackPage_IsNotAMountedApiRoute_Issue9()
    {
        await using var spa = await PythonHttpServer.StartAsync(Spa);

        var result = (await RunAsync(spa.Url)).Result("routes");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("GET /api/users is served by the frontend's fallback page, not the API: it answers the same text/html as a path that cannot exist");
        result.Message!.ShouldContain("GET /api/health is served by the frontend's fallback page, not the API");
        result.Evidence.Single(e => e.Name == "fallback").Content.ShouldContain("answers a path that cannot exist with 200 text/html");
    }

    [Fact]
    public async Task Routes_SpaFallbackWithAcceptHtml_CountsAsMounted_Issue9()
    {
        await using var spa = await PythonHttpServer.StartAsync(Spa);

        var result = (await RunAsync(spa.Url, ", accept_html: true, expect: [mounted == 2, not_api == 0]")).Result("routes");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
    }

    [Fact]
    public async Task Routes_HtmlWhereTheDocumentDeclaresJson_IsNotTheApi_Issue9()
    {
        await using var api = await PythonHttpServer.StartAsync(HtmlWhereJsonIsDeclared);

        var result = (await RunAsync(api.Url, ", expect: [not_api == 1, mounted == 1]")).Result("routes");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain("GET /api/users is not answered by the API: it answered 200 text/html, but the document declares application/json");
        result.Message!.ShouldNotContain("/api/health");
        result.Evidence.Any(e => e.Name == "fallback").ShouldBeFalse();
    }
}
