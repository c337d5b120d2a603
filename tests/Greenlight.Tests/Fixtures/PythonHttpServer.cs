using System.Diagnostics;

namespace Greenlight.Tests.Fixtures;

/// <summary>
/// A real Python stdlib HTTP server (http.server: HTTP/1.0, closes connections without saying so)
/// running a handler given as Python source; binds a free 127.0.0.1 port and prints it.
/// </summary>
public sealed class PythonHttpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _dir;

    private PythonHttpServer(Process process, TempDirectory dir, string url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public string Url { get; }

    /// <param name="handler">Python defining <c>class H(BaseHTTPRequestHandler)</c>; <c>os</c>, <c>json</c> and <c>sys</c> are imported.</param>
    /// <param name="threading">ThreadingHTTPServer (one thread per connection) or the one-at-a-time HTTPServer.</param>
    public static async Task<PythonHttpServer> StartAsync(string handler, bool threading = true)
    {
        var dir = new TempDirectory();
        var script = dir.Write("server.py", $$"""
            import json, os, socket, sys
            from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
            {{handler}}
            class S({{(threading ? "ThreadingHTTPServer" : "HTTPServer")}}):
                def server_bind(self):
                    self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    super().server_bind()
            server = S(("127.0.0.1", 0), H)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"python3 is needed for this test and cannot be started ({ex.Message}); install it: apt-get install -y python3", ex);
        }

        _ = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var port = await process.StandardOutput.ReadLineAsync(cts.Token)
            ?? throw new InvalidOperationException("the Python test server exited before printing its port");
        return new PythonHttpServer(process, dir, $"http://127.0.0.1:{port.Trim()}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _dir.Dispose();
    }
}
