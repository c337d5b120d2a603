using System.Text;
using Greenlight.Dashboard;
using Greenlight.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Server;

/// <summary>
/// The web host of <c>greenlight serve</c>: it maps each address to a core use case in
/// <c>Greenlight.Dashboard</c> and writes the answer. It holds no logic of its own and never writes
/// the store (the store is opened read-only).
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens, with the port actually bound (for <c>--port 0</c>).</summary>
    public Uri Address { get; }

    public static async Task<DashboardServer> StartAsync(DashboardStore store, ServeSettings settings, TimeProvider time, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // stdout carries only what greenlight prints
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(settings.Bind, settings.Port);
        });
        builder.Services.AddSingleton(store);
        var app = builder.Build();
        var feed = new WatchFeed(store, time, pollInterval);

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            if (settings.Auth is { } auth && !auth.Allows(context.Request.Headers.Authorization))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                headers.WWWAuthenticate = "Bearer realm=\"greenlight\", Basic realm=\"greenlight\", charset=\"UTF-8\"";
                await context.Response.WriteAsync("authentication required: send Authorization: Bearer TOKEN (or Basic)\n", context.RequestAborted);
                return;
            }

            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                headers.Allow = "GET, HEAD";
                return;
            }

            try
            {
                await next(context);
            }
            catch (StoreException ex) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync($"the store cannot be read: {ex.Message}\n", context.RequestAborted);
            }
        });

        app.MapGet("/", async (HttpContext http) =>
        {
            var specs = await store.SpecsAsync(http.RequestAborted);
            var watches = await store.RunningWatchesAsync(http.RequestAborted);
            await HtmlAsync(http, 200, DashboardPages.Home(specs, watches, store.Describe));
        });

        app.MapGet("/specs/{name}", async (HttpContext http, string name) =>
        {
            var page = await store.SpecPageAsync(name, http.RequestAborted);
            await HtmlAsync(http, page is null ? 404 : 200, page ?? DashboardPages.NotFound($"No run of a spec named {name} is stored."));
        });

        app.MapGet("/runs/{id}", async (HttpContext http, string id) =>
        {
            var page = await store.RunPageAsync(id, http.RequestAborted);
            await HtmlAsync(http, page is null ? 404 : 200, page ?? DashboardPages.NotFound($"No run {id} is stored."));
        });

        app.MapGet("/watch/{id}", async (HttpContext http, string id) =>
        {
            var view = await store.WatchAsync(id, -1, http.RequestAborted);
            await (view is null
                ? HtmlAsync(http, 404, DashboardPages.NotFound($"Run {id} is not a stored watch window."))
                : HtmlAsync(http, 200, DashboardPages.Watch(view)));
        });

        app.MapGet("/api/runs", async (HttpContext http, string? spec, int? limit) =>
        {
            var runs = await store.RunsAsync(spec, Math.Clamp(limit ?? 50, 1, 1000), null, http.RequestAborted);
            http.Response.ContentType = "application/json; charset=utf-8";
            await DashboardJson.WriteRunsAsync(runs, http.Response.Body, http.RequestAborted);
        });

        app.MapGet("/api/runs/{id}", async (HttpContext http, string id) =>
        {
            if (await store.RunAsync(id, http.RequestAborted) is not { } run)
            {
                await ProblemAsync(http, 404, $"no run {id} is stored");
                return;
            }

            http.Response.ContentType = "application/json; charset=utf-8";
            await DashboardJson.WriteRunAsync(run.Report, http.Response.Body, http.RequestAborted);
        });

        app.MapGet("/api/specs/{name}/checks/{check}/history", async (HttpContext http, string name, string check, int? limit) =>
        {
            var points = await store.CheckHistoryAsync(name, check, Math.Clamp(limit ?? 100, 1, 1000), http.RequestAborted);
            if (points.Count == 0)
            {
                await ProblemAsync(http, 404, $"no stored result of check {check} in spec {name}");
                return;
            }

            http.Response.ContentType = "application/json; charset=utf-8";
            await DashboardJson.WriteHistoryAsync(name, check, points, http.Response.Body, http.RequestAborted);
        });

        app.MapGet("/api/watch/{id}/events", async (HttpContext http, string id, int? after) =>
        {
            if (await store.WatchAsync(id, int.MaxValue, http.RequestAborted) is null)
            {
                await ProblemAsync(http, 404, $"run {id} is not a stored watch window");
                return;
            }

            http.Response.ContentType = "text/event-stream; charset=utf-8";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await http.Response.WriteAsync(": following the window\n\n", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            try
            {
                await foreach (var e in feed.FollowAsync(id, after ?? -1, http.RequestAborted))
                {
                    await http.Response.WriteAsync($"event: {e.Name}\ndata: {e.Data}\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                }
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The page was closed.
            }
        });

        app.MapGet("/badge/{file}", async (HttpContext http, string file) =>
        {
            if (!file.EndsWith(".svg", StringComparison.Ordinal))
            {
                await ProblemAsync(http, 404, "a badge is /badge/SPEC.svg");
                return;
            }

            var spec = file[..^4];
            var svg = Badge.Svg("greenlight", await store.LastVerdictAsync(spec, http.RequestAborted));
            http.Response.ContentType = "image/svg+xml; charset=utf-8";
            await http.Response.WriteAsync(svg, http.RequestAborted);
        });

        app.MapGet("/healthz/{spec}", async (HttpContext http, string spec) =>
        {
            var answer = Health.Decide(spec, await store.LastVerdictAsync(spec, http.RequestAborted));
            http.Response.StatusCode = answer.StatusCode;
            if (answer.Warning is { } warning)
            {
                http.Response.Headers[Health.WarningHeader] = warning;
            }

            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(answer.Body, http.RequestAborted);
        });

        app.MapFallback(async (HttpContext http) => await HtmlAsync(http, 404, DashboardPages.NotFound($"Nothing is served at {http.Request.Path}.")));

        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, new Uri(bound));
    }

    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private static async Task HtmlAsync(HttpContext http, int status, string html)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(html), http.RequestAborted);
    }

    private static async Task ProblemAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var escaped = System.Text.Json.JsonEncodedText.Encode(message, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        await http.Response.WriteAsync($"{{\"schema\":\"{DashboardJson.SchemaName}\",\"error\":\"{escaped}\"}}\n", http.RequestAborted);
    }
}
