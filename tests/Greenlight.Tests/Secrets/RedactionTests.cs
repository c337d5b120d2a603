using Greenlight.Secrets;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Secrets;

public class RedactionTests
{
    private const string EnvToken = "tok-from-environment-5f1e";
    private const string DotEnvPassword = "pw-from-dotenv-77a2";
    private const string CliSecret = "secret-from-cli-93bc";
    private const string UrlPassword = "urlpass-8d0c";
    private const string DeclaredSecret = "declared-plain-name-41aa";

    [Theory]
    [InlineData("console")]
    [InlineData("json")]
    [InlineData("md")]
    [InlineData("junit")]
    [InlineData("html")]
    public async Task Check_SecretsFromEverySource_NeverReachAnyOutput(string format)
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/echo", (HttpRequest r, HttpResponse response) =>
        {
            // A careless server that echoes credentials back, in a header and in the body.
            response.Headers["X-Echo-Auth"] = r.Headers.Authorization.ToString();
            response.Headers["Set-Cookie"] = $"session={EnvToken}";
            return Results.Json(new { auth = r.Headers.Authorization.ToString(), db = r.Query["db"].ToString(), plain = r.Query["p"].ToString() }, statusCode: 500);
        }));
        using var dir = new TempDirectory();
        dir.Write(".env", $"DB_PASSWORD={DotEnvPassword}\n");
        dir.Write("greenlight.yaml", $$"""
            version: 1
            name: redaction
            secrets: [PLAIN_NAME]
            checks:
              - id: env
                kind: env
                require: [API_TOKEN, DB_PASSWORD, SESSION_SECRET, DATABASE_URL, PLAIN_NAME, NOT_SET_AT_ALL]
                match: { API_TOKEN: '^nope' }
              - id: http
                kind: http
                request:
                  url: {{server.Url}}/echo?db=${DATABASE_URL}&p=${PLAIN_NAME}
                  headers: { Authorization: "Bearer ${API_TOKEN}", X-Session: "${SESSION_SECRET}" }
                expect: [status == 200, 'body contains "${DB_PASSWORD}"', header.x-echo-auth == "nothing"]
                fix: Rotate ${API_TOKEN}.
              - id: cmd
                kind: command
                run: echo "$API_TOKEN ${DB_PASSWORD} ${SESSION_SECRET} ${DATABASE_URL} ${PLAIN_NAME}"; echo "${DB_PASSWORD}" >&2; exit 1
                expect: [exit_code == 0, 'stdout == "${API_TOKEN}"']
            """);

        var run = await CliHarness.RunProcessAsync(dir.Path, new Dictionary<string, string>
        {
            ["API_TOKEN"] = EnvToken,
            ["DATABASE_URL"] = $"postgres://app:{UrlPassword}@db.internal:5432/app",
            ["PLAIN_NAME"] = DeclaredSecret,
        }, "check", "--format", format, "--var", $"SESSION_SECRET={CliSecret}", "--no-color");

        run.ExitCode.ShouldBe(1, run.All);
        run.All.ShouldContain("***");
        foreach (var secret in new[] { EnvToken, DotEnvPassword, CliSecret, UrlPassword, DeclaredSecret })
        {
            run.All.ShouldNotContain(secret);
        }
    }

    [Fact]
    public void Redact_UrlAndConnectionStringPasswords_AreMaskedByShape()
    {
        var redactor = new Redactor([]);

        redactor.Redact("postgres://user:hunter2@host/db").ShouldBe("postgres://user:***@host/db");
        redactor.Redact("Host=db;Username=app;Password=hunter2;").ShouldBe("Host=db;Username=app;Password=***;");
    }

    [Fact]
    public void Redact_KnownValues_AreMaskedLongestFirst()
    {
        var redactor = new Redactor(["abcd", "abcdef-longer"]);

        redactor.Redact("x abcdef-longer y abcd z").ShouldBe("x *** y *** z");
    }

    [Fact]
    public void Redact_ValuesShorterThanTheMinimum_AreLeftAlone()
    {
        new Redactor(["ab"]).Redact("tab cab").ShouldBe("tab cab");
    }
}
