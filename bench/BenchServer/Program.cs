// A local server for benchmarks: /slow answers after ?ms= milliseconds (default 100) with a small
// JSON body. Listens on a free loopback port and writes its URL to the file given by --url-file.
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
var count = 0L;
app.MapGet("/slow", async (HttpRequest request) =>
{
    var ms = int.TryParse(request.Query["ms"], out var m) ? m : 100;
    await Task.Delay(ms);
    return Results.Json(new { ok = true, n = Interlocked.Increment(ref count), service = "bench" });
});
await app.StartAsync();
var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
if (urlFile is not null)
{
    await File.WriteAllTextAsync(urlFile + ".tmp", url);
    File.Move(urlFile + ".tmp", urlFile, overwrite: true);
}

await app.WaitForShutdownAsync();
