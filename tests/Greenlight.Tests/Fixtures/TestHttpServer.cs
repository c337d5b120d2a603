using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Tests.Fixtures;

/// <summary>A real Kestrel server on a free 127.0.0.1 port; each test maps the routes it needs.</summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHttpServer(WebApplication app, string url)
    {
        _app = app;
        Url = url.TrimEnd('/');
    }

    public string Url { get; }

    public int Requests => _count;

    private int _count;

    public static async Task<TestHttpServer> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        TestHttpServer? server = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server!._count);
            await next(context);
        });
        routes(app);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestHttpServer(app, url);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // A test left a request hanging on purpose.
        }

        await _app.DisposeAsync();
    }
}
