using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Greenlight.Tests.Fixtures;

/// <summary>
/// A real Prometheus (Debian's `prometheus`) on a free 127.0.0.1 port, scraping a small replica
/// app every second whose <c>/metrics</c> the tests set (<see cref="Set"/>). Ready means the first
/// scrape has landed, found by asking the API, never by sleeping. A machine without Prometheus
/// fails these tests with the fix.
/// </summary>
public sealed class PrometheusServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, double> _metrics = new(StringComparer.Ordinal);
    private Process? _process;
    private string _folder = "";
    private TestHttpServer? _app;
    private readonly StringBuilder _log = new();

    public string Url { get; private set; } = "";

    /// <summary>The replica app's base URL (it serves /metrics).</summary>
    public string AppUrl => _app!.Url;

    /// <summary>Sets a sample the app exposes, e.g. <c>Set("gl_rate{route=\"/a\"}", 0.97)</c>; NaN and ±Inf are allowed.</summary>
    public void Set(string series, double value) => _metrics[series] = value;

    public void Remove(string series) => _metrics.TryRemove(series, out _);

    public async Task InitializeAsync()
    {
        var binary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "prometheus")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Prometheus is not installed: `prometheus` was not found. Install it with `apt-get install -y prometheus` (./test.sh does this).");

        Set("gl_up", 1);
        _app = await TestHttpServer.StartAsync(app => app.MapGet("/metrics", (HttpContext context) =>
        {
            var text = new StringBuilder();
            foreach (var (series, value) in _metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{series} {Format(value)}\n");
            }

            return Results.Text(text.ToString(), "text/plain; version=0.0.4");
        }));

        _folder = Path.Combine(Path.GetTempPath(), "greenlight-prom-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var port = FreePort();
        var target = new Uri(_app.Url).Authority;
        var config = Path.Combine(_folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: app
                static_configs:
                  - targets: ['{target}']
            """);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--config.file", config, "--storage.tsdb.path", Path.Combine(_folder, "data"), "--web.listen-address", $"127.0.0.1:{port}", "--log.level", "warn" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        Url = $"http://127.0.0.1:{port}";
        await WaitForSampleAsync("gl_up", TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until Prometheus answers <paramref name="query"/> with at least one series (a scrape has landed).</summary>
    public async Task WaitForSampleAsync(string query, TimeSpan patience, Func<double, bool>? until = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                last = await http.GetStringAsync($"{Url}/api/v1/query?query={Uri.EscapeDataString(query)}");
                using var json = JsonDocument.Parse(last);
                var result = json.RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    var text = result[0].GetProperty("value")[1].GetString()!;
                    var value = text == "NaN" ? double.NaN : text == "+Inf" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);
                    if (until is null || until(value))
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Prometheus at {Url} had no sample for `{query}` within {patience.TotalSeconds}s (last answer: {last}):\n{Log}");
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Every test class that needs Prometheus shares one server (each test uses its own metric names).</summary>
[CollectionDefinition("prometheus")]
public sealed class PrometheusCollection : ICollectionFixture<PrometheusServer>;
