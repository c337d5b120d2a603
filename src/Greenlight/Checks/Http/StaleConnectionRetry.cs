using System.Net;
using System.Net.Http.Headers;

namespace Greenlight.Checks.Http;

/// <summary>
/// Sends an idempotent request once more, on a fresh connection, when it failed before any byte of
/// a response because the server had already closed the pooled connection it was written to
/// (Python's http.server, small frameworks and proxies close idle keep-alive connections without
/// saying so). It is the transport's retry, not the user's: it is never counted as an attempt.
/// </summary>
internal sealed class StaleConnectionRetry(HttpMessageHandler pooled, HttpMessageHandler fresh) : DelegatingHandler(pooled)
{
    /// <summary>Never reuses a connection: the retry must not land on another stale one of the same pool.</summary>
    private readonly HttpMessageInvoker _fresh = new(fresh, disposeHandler: true);

    /// <summary>Set on a request that was sent twice, so the evidence can say so.</summary>
    public static readonly HttpRequestOptionsKey<bool> Retried = new("greenlight.stale-connection-retried");

    private static readonly HashSet<string> Idempotent = new(StringComparer.Ordinal) { "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = null;
        if (request.Content is not null && Idempotent.Contains(request.Method.Method))
        {
            // Kept to send again: the first request's content stream is spent.
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (Idempotent.Contains(request.Method.Method) && ClosedBeforeAnswer(ex) && !cancellationToken.IsCancellationRequested)
        {
            using var again = Copy(request, body);
            request.Options.Set(Retried, true);
            return await _fresh.SendAsync(again, cancellationToken);
        }
    }

    /// <summary>The connection ended (or was reset) before the response began: the signature of a stale pooled connection.</summary>
    private static bool ClosedBeforeAnswer(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ResponseEnded
        || (ex.HttpRequestError is HttpRequestError.Unknown or HttpRequestError.ConnectionError
            && (ex.InnerException is IOException || ex.InnerException?.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.ConnectionAborted or System.Net.Sockets.SocketError.Shutdown }));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fresh.Dispose();
        }

        base.Dispose(disposing);
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (body is not null && request.Content is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }
}
