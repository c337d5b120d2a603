using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Http;

/// <summary>Regression tests of issues 8 and 9 for the http kind, against real Python stdlib servers.</summary>
public class HttpRuntimeTests
{
    private const string Health = """
        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                body = b'{"ok": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *a): pass
        """;

    [Fact]
    public async Task Http_StalePooledConnections_AreRetriedOnAFreshOne_Issue9()
    {
        await using var server = await PythonHttpServer.StartAsync(Health);
        var checks = string.Join('\n', Enumerable.Range(0, 32).Select(i => $"  - {{ id: c{i}, kind: http, request: GET {server.Url}/health?n={i}, expect: [status == 200] }}"));
        var spec = SpecHarness.Load($"version: 1\nname: stale\nchecks:\n{checks}\n");

        var errors = new List<string>();
        for (var run = 0; run < 50; run++)
        {
            var report = await new RunEngine(spec, new RunOptions { Parallelism = 32 }).RunAsync(CancellationToken.None);
            errors.AddRange(report.Results.Where(r => r.Outcome != CheckOutcome.Pass).Select(r => $"run {run} {r.Id}: {r.Outcome} {r.Message}"));
        }

        errors.ShouldBeEmpty();
    }

    private const string Echo = """
        from urllib.parse import urlparse
        hits = {"n": 0}
        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                hits["n"] += 1
                if self.path.startswith("/loop/"):
                    n = int(self.path.split("/")[2])
                    self.send_response(302); self.send_header("Location", "/loop/" + str((n + 1) % 2)); self.send_header("Content-Length", "0"); self.end_headers(); return
                if self.path.startswith("/hop/"):
                    n = int(self.path.split("/")[2])
                    self.send_response(301 if n > 0 else 200)
                    if n > 0: self.send_header("Location", "/hop/" + str(n - 1))
                    body = b"arrived" if n == 0 else b""
                    self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body); return
                if self.path.startswith("/slow-first"):
                    if hits["n"] == 1:
                        import time; time.sleep(1.5)
                    body = b"ok"
                    self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(body); return
                body = json.dumps({"auth": self.headers.get("Authorization"), "cookie": self.headers.get("Cookie"), "key": self.headers.get("X-Api-Key"), "query": urlparse(self.path).query}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Echo", self.headers.get("Authorization") or "")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *a): pass
        """;

    [Fact]
    public async Task Http_RedirectLoop_IsAnErrorNamingTheChain_Issue8()
    {
        await using var server = await PythonHttpServer.StartAsync(Echo);
        var report = await SpecHarness.RunAsync($$"""
            version: 1
            name: redirects
            checks:
              - { id: loop, kind: http, request: GET {{server.Url}}/loop/0 }
              - { id: too-many, kind: http, request: GET {{server.Url}}/hop/4, max_redirects: 3 }
              - { id: enough, kind: http, request: GET {{server.Url}}/hop/3, max_redirects: 3, expect: ['body == "arrived"', 'url contains "/hop/0"'] }
            """);

        report.Result("loop").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("loop").Message.ShouldBe("redirect loop: /loop/0 → /loop/1 → /loop/0");
        report.Result("too-many").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("too-many").Message.ShouldBe("more than max_redirects (3) redirects: /hop/4 → /hop/3 → /hop/2 → /hop/1 → /hop/0");
        report.Result("enough").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("enough").Message);
        report.Result("enough").Evidence.Single(e => e.Name == "response").Content.ShouldStartWith("redirects: ");
    }

    [Fact]
    public async Task Http_WarmupRequest_IsNotCountedAndIsShownInTheEvidence_Issue9()
    {
        await using var server = await PythonHttpServer.StartAsync(Echo, threading: false);
        var result = (await SpecHarness.RunAsync($"""
            version: 1
            name: warmup
            checks:
              - id: latency
                kind: http
                request: GET {server.Url}/slow-first
                samples: 5
                expect: [max(duration) < 1s, p95(duration) < 1s]
            """)).Result("latency");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "response").Content.ShouldContain("; 1 warm-up request first, not counted: 1.5");
    }

    [Fact]
    public void Load_NegativeWarmup_IsASpecError_Issue9()
    {
        var ex = SpecHarness.LoadFails("version: 1\nname: w\nchecks:\n  - { id: h, kind: http, request: GET http://127.0.0.1:9/, warmup: -1 }\n");

        ex.Errors.ShouldHaveSingleItem().Message.ShouldContain("warmup");
    }

    [Fact]
    public async Task Http_CredentialsSentAndEchoedBack_AreMaskedInEveryOutputAndTheStore_Issue8()
    {
        await using var server = await PythonHttpServer.StartAsync(Echo);
        using var dir = new TempDirectory();
        string[] secrets = ["sk-live-4f8a9c2e7b1d", "tok-9d8c7b6a5f4e", "ck-1a2b3c4d5e", "xk-77aa88bb99cc"];
        var spec = dir.Write("greenlight.yaml", $$"""
            version: 1
            name: credentials
            vars:
              greeting: {{secrets[0]}}
              flavor: {{secrets[1]}}
              crumb: {{secrets[2]}}
              color: {{secrets[3]}}
            checks:
              - id: echo
                kind: http
                request:
                  url: {{server.Url}}/echo?api_key=${flavor}&page=2
                  headers: { Authorization: "Bearer ${greeting}", Cookie: "session=${crumb}; theme=dark", X-Api-Key: "${color}" }
                expect: [status == 200, 'body contains "never there"', 'header.x-echo == "nope"']
            """);

        var outputs = new List<string>();
        foreach (var format in new[] { "json", "md", "junit", "html", "console" })
        {
            var run = await CliHarness.RunAsync("check", "-f", spec, "--no-color", "--format", format);
            run.ExitCode.ShouldBe(1, run.All);
            outputs.Add(run.All);
        }

        foreach (var format in new[] { "json", "md", "junit", "html" })
        {
            outputs.Add((await CliHarness.RunAsync("report", "last", "-f", spec, "--format", format)).All);
        }

        outputs.Add((await CliHarness.RunAsync("show", "last", "-f", spec, "--no-color")).All);
        outputs[0].ShouldContain("api_key=***&page=2", customMessage: "the echoed body is kept, with the credential masked");
        var store = Directory.GetFiles(Path.Combine(dir.Path, ".greenlight")).Select(f => Convert.ToHexString(System.IO.File.ReadAllBytes(f))).ToList();
        foreach (var secret in secrets)
        {
            foreach (var output in outputs)
            {
                output.ShouldNotContain(secret);
            }

            var hex = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(secret));
            store.ShouldAllBe(bytes => !bytes.Contains(hex, StringComparison.Ordinal), $"{secret} is in the store's raw bytes");
        }
    }
}
