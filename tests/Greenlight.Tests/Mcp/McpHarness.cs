using System.Collections.Concurrent;
using System.Text.Json;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Greenlight.Tests.Mcp;

/// <summary>
/// Starts the real <c>greenlight mcp</c> process (from the CLI's own build folder) and connects the
/// SDK's own client to it over stdio, with a secret planted in its environment, its .env and its spec.
/// </summary>
public sealed class McpHarness : IAsyncDisposable
{
    /// <summary>Planted in the server's environment as API_TOKEN; must never appear in any answer.</summary>
    public const string EnvironmentSecret = "planted-env-secret-4242";

    /// <summary>The password of a target's URL in the spec.</summary>
    public const string UrlPassword = "planted-url-pass-7373";

    /// <summary>A secret-named variable of the .env beside the spec.</summary>
    public const string DotEnvSecret = "planted-dotenv-secret-9191";

    public const string Spec = """
        version: 1
        name: mcp-test
        vars:
          GREETING: hello
        targets:
          db: "sqlite:app.db"
          pg: "postgres://app:planted-url-pass-7373@127.0.0.1:1/app"
        checks:
          - id: greet
            kind: command
            title: Greets with the token
            run: echo "${GREETING} $API_TOKEN ${SERVICE_KEY}"
            expect:
              - exit_code == 0
              - stdout contains "hello"
            fix: set GREETING back to hello
          - id: table.exists
            kind: sql
            phase: post
            target: db
            needs: [greet]
            query: "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'items'"
            expect: [n == 1]
          - id: release.approved
            kind: manual
            phase: pre
            prompt: Did QA approve this release?
        rollback:
          - name: say it rolled back
            run: echo "rolled back $API_TOKEN"
        """;

    private McpHarness(TempDirectory directory, McpClient client, ConcurrentQueue<string> stderr)
    {
        Directory = directory;
        Client = client;
        Stderr = stderr;
    }

    public TempDirectory Directory { get; }

    public McpClient Client { get; }

    public ConcurrentQueue<string> Stderr { get; }

    public string SpecPath => System.IO.Path.Combine(Directory.Path, "greenlight.yaml");

    /// <summary>The framework-dependent build of the CLI, run from its own folder (Npgsql loads only there).</summary>
    public static string Executable => CliHarness.Executable;

    public static async Task<McpHarness> StartAsync(params string[] flags)
    {
        var directory = new TempDirectory();
        directory.Write("greenlight.yaml", Spec);
        directory.Write(".env", $"SERVICE_KEY={DotEnvSecret}\n");
        await using (var db = new SqliteConnection($"Data Source={System.IO.Path.Combine(directory.Path, "app.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            create.CommandText = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "greenlight",
            Command = Executable,
            Arguments = ["mcp", "--spec", System.IO.Path.Combine(directory.Path, "greenlight.yaml"), .. flags],
            WorkingDirectory = directory.Path,
            EnvironmentVariables = new Dictionary<string, string?> { ["API_TOKEN"] = EnvironmentSecret, ["GREENLIGHT_STORE"] = null, ["NO_COLOR"] = "1" },
            StandardErrorLines = stderr.Enqueue,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        return new McpHarness(directory, client, stderr);
    }

    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null, IProgress<ProgressNotificationValue>? progress = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        return await Client.CallToolAsync(tool, arguments ?? [], progress, cancellationToken: timeout.Token);
    }

    /// <summary>The call's JSON answer (its text), which must equal its structured content when there is one.</summary>
    public static JsonElement Json(CallToolResult result)
    {
        var text = result.Content.OfType<TextContentBlock>().Single().Text;
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Directory.Dispose();
    }
}
