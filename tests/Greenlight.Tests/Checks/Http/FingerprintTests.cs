using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Http;

public class FingerprintTests
{
    [Fact]
    public async Task Fingerprint_PlaceholderApp_IsNotTheApp()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/", () => "Hello World"));

        var result = (await SpecHarness.RunAsync($"version: 1\nname: f\nchecks:\n  - {{ id: app, kind: http, request: GET {server.Url}/, fingerprint: {{ contains: mosaic-api }} }}\n")).Result("app");

        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Assertions.Where(a => !a.Passed).Select(a => a.Note).ShouldBe(
        [
            "this is not the app: its marker \"mosaic-api\" is not in the body (Hello World)",
            "a placeholder is answering, not the app: the body says \"Hello World\"",
        ]);
    }

    [Fact]
    public async Task Fingerprint_VersionMismatch_IsNoGoWithBothCommits()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/health", () => Results.Json(new { app = "mosaic-api", version = "3f2a1c0" })));

        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: f
            checks:
              - id: deployed
                kind: http
                request: GET {server.Url}/health
                fingerprint: {"{"} contains: mosaic-api, version: json.$.version, commit: 9b81d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1 {"}"}
              - id: same
                kind: http
                request: GET {server.Url}/health
                fingerprint: {"{"} version: json.$.version, commit: 3f2a1c0aaaabbbbccccddddeeeeffff000011112 {"}"}
            """);

        report.Result("deployed").Message.ShouldBe("the deployed version (json.$.version) is the commit being verified: deployed version 3f2a1c0 is not the commit being verified 9b81d4e");
        report.Verdict.ShouldBe(Verdict.NoGo);
        report.Result("same").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("same").Message);
    }

    [Fact]
    public async Task Fingerprint_DefaultCommit_IsGitHead()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/v", () => Results.Json(new { version = "0000000" })));
        using var dir = new TempDirectory();
        dir.Write("x.txt", "x");
        foreach (var args in new[] { "init -q", "-c user.name=t -c user.email=t@t add .", "-c user.name=t -c user.email=t@t commit -qm x" })
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", args.Split(' ')) { WorkingDirectory = dir.Path })!;
            await git.WaitForExitAsync();
        }

        var result = (await SpecHarness.RunAsync($"version: 1\nname: f\nchecks:\n  - {{ id: v, kind: http, request: GET {server.Url}/v, fingerprint: {{ version: json.$.version }} }}\n", directory: dir.Path)).Result("v");

        result.Message!.ShouldMatch("deployed version 0000000 is not the commit being verified [0-9a-f]{7}$");
    }

    [Fact]
    public async Task Fingerprint_DefaultCommit_FollowsANewCommit_InTheSameProcess()
    {
        // An agent (MCP) or the dashboard runs one spec again after a commit: the commit being verified is the new one.
        using var repo = await Signoffs.GitRepository.CreateAsync();
        var first = await repo.CommitAsync("first");
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/v", () => Results.Json(new { version = first })));
        var yaml = $"version: 1\nname: f\nchecks:\n  - {{ id: v, kind: http, request: GET {server.Url}/v, fingerprint: {{ version: json.$.version }} }}\n";

        (await SpecHarness.RunAsync(yaml, directory: repo.Path)).Result("v").Outcome.ShouldBe(CheckOutcome.Pass);
        var second = await repo.CommitAsync("second");
        var again = (await SpecHarness.RunAsync(yaml, directory: repo.Path)).Result("v");

        again.Outcome.ShouldBe(CheckOutcome.Fail, "the app still serves the first commit");
        again.Message!.ShouldEndWith($"deployed version {first[..7]} is not the commit being verified {second[..7]}");
    }
}
