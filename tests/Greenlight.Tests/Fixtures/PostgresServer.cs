using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace Greenlight.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl on a free port in a temporary
/// folder (through runuser -u postgres when running as root), a database per test, removed at the
/// end. When PostgreSQL cannot be started the tests fail with the reason and the fix; they never skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _dataDirectory = "";
    private string _binDirectory = "";
    private int _databases;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        _dataDirectory = Path.Combine(Path.GetTempPath(), "greenlight-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dataDirectory);
        Port = FreePort();
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", _dataDirectory], asPostgres: false);
        }

        await RunAsync(Path.Combine(_binDirectory, "initdb"), ["-D", Path.Combine(_dataDirectory, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], asPostgres: true);
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
        [
            "-D", Path.Combine(_dataDirectory, "data"), "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dataDirectory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start",
        ], asPostgres: true);
    }

    /// <summary>A new, empty database for one test, as a postgres:// URL.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"gl_test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return $"postgres://postgres@127.0.0.1:{Port}/{name}";
    }

    public async Task DisposeAsync()
    {
        if (_binDirectory.Length > 0 && Directory.Exists(Path.Combine(_dataDirectory, "data")))
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", Path.Combine(_dataDirectory, "data"), "-m", "immediate", "stop"], asPostgres: true, throwOnError: false);
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            candidates.Add(onPath);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: initdb and pg_ctl were not found on PATH or in /usr/lib/postgresql/*/bin. Install it with `apt-get install -y postgresql` (./test.sh does this).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres, bool throwOnError = true)
    {
        var start = asPostgres && IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException($"PostgreSQL could not be started: `{program} {string.Join(' ', arguments)}` exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}

/// <summary>Every test class that needs PostgreSQL shares one cluster.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;
