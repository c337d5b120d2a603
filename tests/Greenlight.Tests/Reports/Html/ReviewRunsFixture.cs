using Greenlight.Store;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Greenlight.Tests.Reports.Html;

/// <summary>
/// Two real runs of one spec through the CLI, recorded in a real SQLite store: a first one where
/// the app is healthy, then one where it broke (a 503 health, a failed job in the SQLite database,
/// a slower endpoint, a retried command), written as <c>check --format html --out review.html</c>.
/// The server echoes the bearer token back, so the page must mask it.
/// </summary>
public sealed class ReviewRunsFixture : IAsyncLifetime
{
    public const string Token = "tok-html-review-6c1d9e";

    private readonly TempDirectory _dir = new();
    private TestHttpServer? _server;
    private volatile bool _broken;

    public string Folder => _dir.Path;

    public string Spec => Path.Combine(_dir.Path, "greenlight.yaml");

    /// <summary>The review of the second (broken) run, as <c>check</c> wrote it.</summary>
    public string ReviewPath => Path.Combine(_dir.Path, "review.html");

    public string StorePath => Path.Combine(_dir.Path, ".greenlight", "history.db");

    public string FirstRun { get; private set; } = "";

    public string SecondRun { get; private set; } = "";

    public string Html => File.ReadAllText(ReviewPath);

    public async Task InitializeAsync()
    {
        _server = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/health", (HttpRequest r) => _broken
                ? Results.Json(new { config_loaded = false, echoed = r.Headers.Authorization.ToString() }, statusCode: 503)
                : Results.Json(new { config_loaded = true }));
            app.MapGet("/version", () => _broken ? "v2.0.0" : "v1.9.0");
            app.MapGet("/slow", async (CancellationToken ct) =>
            {
                // The endpoint got slower in the second release: the real cost the comparison must notice.
                if (_broken)
                {
                    await Task.Delay(250, ct);
                }

                return "ok";
            });
            app.MapGet("/chat", () => "hello");
        });

        var database = Path.Combine(_dir.Path, "app.db");
        await ExecuteAsync(database, "CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT NOT NULL); INSERT INTO jobs (state) VALUES ('done'), ('done')");
        _dir.Write("greenlight.yaml", $$"""
            version: 1
            name: review-demo
            checks:
              - id: api.health
                title: Health answers and config is loaded
                kind: http
                area: API
                phase: post
                severity: critical
                request:
                  url: {{_server.Url}}/health
                  headers: { Authorization: "Bearer ${API_TOKEN}" }
                expect: [status == 200, json.$.config_loaded == true]
                fix: Set OPENAI_API_KEY on the host and restart the service.
              - id: api.chat
                kind: http
                area: API
                phase: post
                needs: [api.health]
                request: GET {{_server.Url}}/chat
              - id: api.version
                title: The new version is live
                kind: http
                area: API
                phase: post
                severity: low
                request: GET {{_server.Url}}/version
                expect: ['body contains "v2."']
                fix: Deploy v2.
              - id: api.slow
                title: Search answers
                kind: http
                area: API
                phase: post
                severity: low
                request: GET {{_server.Url}}/slow
                expect: [status == 200]
              - id: db.failed-jobs
                title: No failed jobs
                kind: sql
                area: DB
                phase: post
                target: sqlite:app.db
                query: SELECT count(*) AS n FROM jobs WHERE state = 'failed'
                expect: [n == 0]
                fix: Re-run the failed jobs (jobs retry --failed).
              - id: tool.retry
                title: Cache warms up
                kind: command
                area: Tools
                phase: pre
                run: if [ -f warmed ]; then echo warm; else touch warmed; echo cold; exit 1; fi
                retry: { attempts: 2, delay: 1ms, on: [fail] }
                expect: [exit_code == 0]
            """);

        FirstRun = await CheckAsync(Path.Combine(_dir.Path, "first.html"));
        _broken = true;
        File.Delete(Path.Combine(_dir.Path, "warmed"));
        await ExecuteAsync(database, "INSERT INTO jobs (state) VALUES ('failed')");
        SecondRun = await CheckAsync(ReviewPath);
    }

    private async Task<string> CheckAsync(string output)
    {
        var run = await CliHarness.RunAsync("check", "-f", Spec, "--format", "html", "--out", output, "--no-color", "--var", $"API_TOKEN={Token}");
        if (run.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"check exited {run.ExitCode}: {run.All}");
        }

        var store = await SqlRunStore.OpenForReadingAsync(new SqliteDialect(StorePath), CancellationToken.None);
        return await store.ResolveAsync("last", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _dir.Dispose();
    }
}
