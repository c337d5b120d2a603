using System.Net;
using Greenlight.Dashboard;
using Greenlight.Engine;
using Greenlight.Server;
using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Greenlight.Tests.Store;
using Microsoft.Data.Sqlite;

namespace Greenlight.Tests.Dashboard;

/// <summary>
/// A store filled by real runs (the engine and the store recorder, as <c>greenlight check</c> does)
/// and a real dashboard server over it on a free loopback port, read-only.
/// </summary>
internal sealed class DashboardSite : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory? _dir;

    private DashboardSite(TempDirectory? dir, StoreDialect writable, SqlRunStore writer)
    {
        _dir = dir;
        Writable = writable;
        Writer = writer;
    }

    public StoreDialect Writable { get; }

    public SqlRunStore Writer { get; }

    public string Folder => _dir!.Path;

    public DashboardServer? Server { get; private set; }

    public DashboardStore? Dashboard { get; private set; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Url => Server!.Address.ToString().TrimEnd('/');

    public static async Task<DashboardSite> SqliteAsync()
    {
        var dir = new TempDirectory();
        var dialect = new SqliteDialect(Path.Combine(dir.Path, ".greenlight", "history.db"));
        return new DashboardSite(dir, dialect, await SqlRunStore.OpenAsync(dialect, CancellationToken.None));
    }

    public static async Task<DashboardSite> PostgresAsync(PostgresServer postgres, string url)
    {
        _ = postgres;
        var dialect = new PostgresDialect(url);
        return new DashboardSite(new TempDirectory(), dialect, await SqlRunStore.OpenAsync(dialect, CancellationToken.None)) { StoreUrl = url };
    }

    /// <summary>What <c>--store</c> would say: the SQLite path or the PostgreSQL URL.</summary>
    public string StoreUrl { get; private init; } = "";

    public string StoreArgument => StoreUrl.Length > 0 ? StoreUrl : ((SqliteDialect)Writable).Path;

    /// <summary>Runs <paramref name="yaml"/> for real and records it, started <paramref name="minutes"/> after <see cref="Start"/>.</summary>
    public Task<RunReport> RecordAsync(string yaml, int minutes, IReadOnlyDictionary<string, string>? environment = null) =>
        RunStoreContract.RecordAsync(Writer, yaml, environment ?? new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
            directory: Folder, now: Start.AddMinutes(minutes));

    /// <summary>As <see cref="RecordAsync"/>, for the spec's environment <paramref name="environmentName"/> (what <c>check --env NAME</c> records).</summary>
    public async Task<RunReport> RecordInAsync(string yaml, string environmentName, int minutes)
    {
        var spec = SpecHarness.Load(yaml, new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" }, null, Folder)
            with { Environment = environmentName };
        var provenance = new RunProvenance("tester", Environment.MachineName, "3f2a1c0deadbeef", "main");
        var recorder = new StoreRecorder(Writer, spec, "all", provenance, null);
        var report = await new RunEngine(spec, new RunOptions { Observer = recorder, Provenance = provenance, Time = new StartedAt(Start.AddMinutes(minutes)) })
            .RunAsync(CancellationToken.None);
        await recorder.FinishAsync(report);
        return report;
    }

    private sealed class StartedAt(DateTimeOffset start) : TimeProvider
    {
        private readonly long _origin = System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks((long)((GetTimestamp() - _origin) * (10_000_000.0 / TimestampFrequency)));
    }

    public async Task<DashboardSite> ServeAsync(DashboardAuth? auth = null, TimeProvider? time = null)
    {
        Dashboard = await DashboardStore.OpenAsync(StoreArgument, Path.Combine(Folder, "greenlight.yaml"), CancellationToken.None);
        Server = await DashboardServer.StartAsync(Dashboard, new ServeSettings(IPAddress.Loopback, 0, auth), time ?? TimeProvider.System, TimeSpan.FromSeconds(1), CancellationToken.None);
        return this;
    }

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url + path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _dir?.Dispose();
    }
}
