using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Greenlight.Checks;

/// <summary>
/// One pooled <see cref="HttpClient"/> per combination of redirect and TLS settings for a run, so
/// hundreds of checks share connections instead of opening a socket each.
/// </summary>
/// <param name="maxConnectionsPerServer">
/// Connections open at once to one server (origin), across all checks of a run: the run's
/// parallelism, so <c>--parallel 32</c> is not held to fewer requests in flight.
/// </param>
internal sealed class HttpClientCache(int maxConnectionsPerServer = HttpClientCache.DefaultMaxConnectionsPerServer) : IDisposable
{
    /// <summary>The pool size when the caller does not say (the watch loop sends a few requests at a time).</summary>
    public const int DefaultMaxConnectionsPerServer = 8;

    /// <summary>
    /// TCP connects in flight at once, across the run. A stdlib server listens with a backlog of 5:
    /// 32 simultaneous connects overflow it and stall for up to 30 s (SYN-ACK retransmits), so the
    /// connects queue here while the pool itself still grows to the run's parallelism.
    /// </summary>
    public const int MaxConcurrentConnects = 4;

    private readonly ConcurrentDictionary<(bool Redirects, bool VerifyTls), HttpClient> _clients = new();
    private readonly SemaphoreSlim _connects = new(MaxConcurrentConnects);

    public int MaxConnectionsPerServer { get; } = Math.Max(1, maxConnectionsPerServer);

    /// <remarks>The engine's per-check token is the timeout; HttpClient's own would fire as a different error.</remarks>
    public HttpClient Get(bool followRedirects, bool verifyTls) =>
        _clients.GetOrAdd((followRedirects, verifyTls), key =>
            new HttpClient(new Http.StaleConnectionRetry(Handler(key, pooled: true), Handler(key, pooled: false)), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan });

    private SocketsHttpHandler Handler((bool Redirects, bool VerifyTls) key, bool pooled)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = key.Redirects,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = pooled ? TimeSpan.FromMinutes(5) : TimeSpan.Zero,

            // Servers and proxies often drop idle keep-alive connections after a few seconds: do not keep them longer.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
            MaxConnectionsPerServer = MaxConnectionsPerServer,
            ConnectCallback = ConnectAsync,
            UseCookies = false,
        };
        if (!key.VerifyTls)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        return handler;
    }

    /// <summary>What SocketsHttpHandler does by default (dual-stack socket, no Nagle), behind <see cref="_connects"/>.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        await _connects.WaitAsync(cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            _connects.Release();
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
        _connects.Dispose();
    }
}
