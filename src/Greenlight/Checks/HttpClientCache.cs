using System.Collections.Concurrent;
using System.Net;

namespace Greenlight.Checks;

/// <summary>
/// One pooled <see cref="HttpClient"/> per combination of redirect and TLS settings for a run, so
/// hundreds of checks share connections instead of opening a socket each.
/// </summary>
internal sealed class HttpClientCache : IDisposable
{
    private readonly ConcurrentDictionary<(bool Redirects, bool VerifyTls), HttpClient> _clients = new();

    public HttpClient Get(bool followRedirects, bool verifyTls) =>
        _clients.GetOrAdd((followRedirects, verifyTls), static key =>
        {
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = key.Redirects,
                MaxAutomaticRedirections = 10,
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            };
            if (!key.VerifyTls)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            }

            // The engine's per-check token is the timeout; HttpClient's own would fire as a different error.
            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        });

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
