// The demo's own service: a notes API that needs an LLM key, like the services in shared/seeds.
// Started with no OPENAI_API_KEY it still answers, but /health says config_loaded: false and the
// AI answers with nulls (seed 002). It listens on a free loopback port and writes its URL to a file.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var urlFile = args.SkipWhile(a => a != "--url-file").Skip(1).FirstOrDefault();
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var app = builder.Build();

var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
var configLoaded = !string.IsNullOrEmpty(key);
const string Version = "1.4.2";

app.MapGet("/health", (HttpResponse response) =>
{
    response.Headers["X-App-Version"] = Version;
    return Results.Json(new { app = "demo-notes-api", version = Version, config_loaded = configLoaded });
});
app.MapPost("/api/insight", async (HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body);
    var text = await reader.ReadToEndAsync();
    return Results.Json(new { insight = configLoaded ? $"You wrote {text.Length} characters; the mood reads calm." : null, model = configLoaded ? "demo-model" : null });
});
app.MapGet("/api/notes", () => Results.Json(new[] { new { id = 1, title = "first note" } }));

await app.StartAsync();
var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
if (urlFile is not null)
{
    await File.WriteAllTextAsync(urlFile + ".tmp", url);
    File.Move(urlFile + ".tmp", urlFile, overwrite: true);
}

Console.WriteLine($"demo-notes-api listening on {url}");
await app.WaitForShutdownAsync();
