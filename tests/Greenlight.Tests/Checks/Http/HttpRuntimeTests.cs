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
}
