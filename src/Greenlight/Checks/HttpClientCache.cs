using System.Collections.Concurrent;
using System.Net;

namespace Greenlight.Checks;

/// <summary>
/// One pooled <see cref="HttpClient"/> per combination of redirect and TLS settings for a run, so
/// hundreds of checks share connections instead of opening a socket each.
/// </summary>
internal sealed class HttpClientCache : IDisposable
{
    /// <summary>Connections open at once to one server (origin), across all checks of a run.</summary>
    public const int MaxConnectionsPerServer = 8;

    private readonly ConcurrentDictionary<(bool Redirects, bool VerifyTls), HttpClient> _clients = new();

    /// <remarks>The engine's per-check token is the timeout; HttpClient's own would fire as a different error.</remarks>
    public HttpClient Get(bool followRedirects, bool verifyTls) =>
        _clients.GetOrAdd((followRedirects, verifyTls), static key =>
            new HttpClient(new Http.StaleConnectionRetry(Handler(key, pooled: true), Handler(key, pooled: false)), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan });

    private static SocketsHttpHandler Handler((bool Redirects, bool VerifyTls) key, bool pooled)
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

            // A stdlib server listens with a backlog of 5: 32 simultaneous connects overflow it and
            // stall for up to 30 s (SYN-ACK retransmits). Checks queue for a connection instead.
            MaxConnectionsPerServer = MaxConnectionsPerServer,
            UseCookies = false,
        };
        if (!key.VerifyTls)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        return handler;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
