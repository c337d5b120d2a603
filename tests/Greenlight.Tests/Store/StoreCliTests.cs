using System.Diagnostics;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Store;

/// <summary>The store through the real greenlight process: crashes, concurrency, and reports rebuilt from it.</summary>
public class StoreCliTests
{
    [Fact]
    public async Task Check_KilledHalfway_KeepsFinishedResultsAndShowsInterrupted()
    {
        using var dir = new TempDirectory();
        var quick = string.Join("\n", Enumerable.Range(0, 5).Select(i => $"  - {{ id: quick{i}, kind: command, run: \"echo {i}\" }}"));
        dir.Write("greenlight.yaml", $"version: 1\nname: crash\nchecks:\n{quick}\n  - {{ id: slow, kind: command, run: \"sleep 120\", needs: [quick0] }}\n");
        using var process = CliHarness.Start(dir.Path, null, "check", "--no-color");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();

        // Wait until the five quick results are committed, then kill without warning.
        var db = Path.Combine(dir.Path, ".greenlight", "history.db");
        for (var i = 0; i < 300 && await CountResultsAsync(db) < 5; i++)
        {
            await Task.Delay(50);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var history = await CliHarness.RunAsync("history", "-f", Path.Combine(dir.Path, "greenlight.yaml"), "--no-color");
        history.ExitCode.ShouldBe(0, history.All);
        history.Stdout.ShouldContain("interrupted");

        var show = await CliHarness.RunAsync("show", "last", "-f", Path.Combine(dir.Path, "greenlight.yaml"), "--no-color");
        show.ExitCode.ShouldBe(0, show.All);
        show.Stdout.ShouldContain("interrupted");
        show.Stdout.ShouldContain("5 of 6 checks recorded");
        for (var i = 0; i < 5; i++)
        {
            show.Stdout.ShouldContain($"quick{i}");
        }

        var report = JObject.Parse((await CliHarness.RunAsync("report", "last", "-f", Path.Combine(dir.Path, "greenlight.yaml"), "--format", "json")).Stdout);
        report["interrupted"]!.Value<bool>().ShouldBeTrue();
        report["verdict"]!.Value<string>().ShouldBe("no_go");
        report["results"]!.Count().ShouldBe(5);
    }

    [Fact]
    public async Task Check_TwoRunsAtOnceOnOneSqliteStore_BothComplete()
    {
        using var dir = new TempDirectory();
        var checks = string.Join("\n", Enumerable.Range(0, 300).Select(i => $"  - {{ id: c{i}, kind: env, require: [PATH] }}"));
        dir.Write("greenlight.yaml", $"version: 1\nname: concurrent\nchecks:\n{checks}\n");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => CliHarness.RunProcessAsync(dir.Path, null, "check", "--no-color", "--parallel", "4")));

        foreach (var run in runs)
        {
            run.ExitCode.ShouldBe(0, run.All);
            // On a loaded machine one may say it is waiting for another's lock; none may give up or lose a result.
            run.All.ShouldNotContain("database is locked");
            run.All.ShouldNotContain("gave up after waiting");
            run.All.ShouldNotContain("stopped taking results");
            run.All.ShouldNotContain("not stored");
        }

        var history = await CliHarness.RunAsync("history", "-f", Path.Combine(dir.Path, "greenlight.yaml"), "--no-color");
        history.Stdout.Split('\n').Count(l => l.Contains("concurrent", StringComparison.Ordinal) && l.Contains("300", StringComparison.Ordinal)).ShouldBe(3, history.Stdout);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, ".greenlight", "history.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var integrity = connection.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        (await integrity.ExecuteScalarAsync()).ShouldBe("ok");
    }

    [Theory]
    [InlineData("json")]
    [InlineData("md")]
    [InlineData("junit")]
    [InlineData("html")]
    public async Task Report_EqualsWhatCheckWrote(string format)
    {
        await using var server = await TestHttpServer.StartAsync(app => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/h", () => "<html>Hello World</html>"));
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", $"""
            version: 1
            name: rebuild
            checks:
              - {"{"} id: env, kind: env, require: [PATH], optional: [GL_UNSET_OPTIONAL] {"}"}
              - {"{"} id: app, kind: http, request: GET {server.Url}/h, expect: ['body not matches /Hello World/'], fix: Deploy the real app. {"}"}
              - {"{"} id: cmd, kind: command, run: "echo out; echo err >&2", retry: {"{"} attempts: 2, delay: 1ms, on: [error, fail] {"}"}, expect: ['stdout == "nope"'] {"}"}
              - {"{"} id: dep, kind: command, run: "true", needs: [cmd] {"}"}
            """);
        var written = Path.Combine(dir.Path, "written." + format);
        var rebuilt = Path.Combine(dir.Path, "rebuilt." + format);

        (await CliHarness.RunProcessAsync(dir.Path, null, "check", "--format", format, "--out", written)).ExitCode.ShouldBe(1);
        (await CliHarness.RunAsync("report", "last", "-f", spec, "--format", format, "--out", rebuilt)).ExitCode.ShouldBe(0);

        (await File.ReadAllBytesAsync(rebuilt)).ShouldBe(await File.ReadAllBytesAsync(written));
    }

    [Fact]
    public async Task Commands_WithoutAStore_ExplainAndExitTwo()
    {
        using var dir = new TempDirectory();
        var spec = Path.Combine(dir.Path, "greenlight.yaml");

        var run = await CliHarness.RunAsync("show", "last", "-f", spec, "--no-color");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("no runs are recorded yet");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Diff_NewFailure_IsListedAndExitsOne()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: d\nchecks:\n  - { id: flag, kind: file, path: ok.flag }\n");
        dir.Write("ok.flag", "yes");
        (await CliHarness.RunAsync("check", "-f", spec)).ExitCode.ShouldBe(0);
        File.Delete(Path.Combine(dir.Path, "ok.flag"));
        (await CliHarness.RunAsync("check", "-f", spec)).ExitCode.ShouldBe(1);

        var diff = await CliHarness.RunAsync("diff", "last~1", "last", "-f", spec, "--no-color");

        diff.ExitCode.ShouldBe(1);
        diff.Stdout.ShouldContain("Regressions (1)");
        diff.Stdout.ShouldContain("flag (high): passed → failed: exists == true: actual false");
        diff.Stdout.ShouldContain("flag: exists == true: true → false");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Diff_Issue9_PassToSkippedOrError_IsARegressionAndExitsOne()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", """
            version: 1
            name: d
            checks:
              - { id: base, kind: file, path: ok.flag, severity: low }
              - { id: dep, kind: command, run: "true", needs: [base] }
              - { id: backup, kind: command, argv: [./backup.sh] }
            """);
        dir.Write("ok.flag", "yes");
        File.SetUnixFileMode(dir.Write("backup.sh", "#!/bin/sh\nexit 0\n"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (await CliHarness.RunProcessAsync(dir.Path, null, "check")).ExitCode.ShouldBe(0);
        File.Delete(Path.Combine(dir.Path, "ok.flag"));
        File.Delete(Path.Combine(dir.Path, "backup.sh"));
        (await CliHarness.RunProcessAsync(dir.Path, null, "check")).ExitCode.ShouldBe(1);

        var diff = await CliHarness.RunProcessAsync(dir.Path, null, "diff", "last~1", "last");

        diff.ExitCode.ShouldBe(1, diff.All);
        diff.Stdout.ShouldContain("Regressions (3)");
        diff.Stdout.ShouldContain("dep (high): passed → was skipped: needs base, which failed");
        diff.Stdout.ShouldContain("backup (high): passed → could not run: `./backup.sh` was not found");
        diff.Stdout.ShouldContain("base (low): passed → failed");
    }

    [Fact]
    public async Task HistoryPrune_DeletesOldRuns()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: p\nchecks:\n  - { id: a, kind: command, run: \"true\" }\n");
        for (var i = 0; i < 3; i++)
        {
            (await CliHarness.RunAsync("check", "-f", spec)).ExitCode.ShouldBe(0);
        }

        var prune = await CliHarness.RunAsync("history", "prune", "--keep", "1", "-f", spec, "--no-color");
        prune.Stdout.ShouldContain("Deleted 2 runs");
        (await CliHarness.RunAsync("history", "prune", "-f", spec)).ExitCode.ShouldBe(2);
        (await CliHarness.RunAsync("history", "--check", "a", "-f", spec, "--no-color")).Stdout.Split('\n').Count(l => l.Contains("pass", StringComparison.Ordinal)).ShouldBe(1);
    }

    private static async Task<long> CountResultsAsync(string db)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM gl_results";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0; // Not created yet.
        }
    }

    [Fact]
    public async Task Check_InAGitRepository_RecordsCommitAndBranch()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", "version: 1\nname: git\nchecks:\n  - { id: a, kind: command, run: \"true\" }\n");
        foreach (var args in new[] { "init -q -b release", "-c user.name=t -c user.email=t@t add .", "-c user.name=t -c user.email=t@t commit -qm first" })
        {
            using var git = Process.Start(new ProcessStartInfo("git", args.Split(' ')) { WorkingDirectory = dir.Path })!;
            await git.WaitForExitAsync();
        }

        using var revParse = Process.Start(new ProcessStartInfo("git", ["rev-parse", "HEAD"]) { WorkingDirectory = dir.Path, RedirectStandardOutput = true })!;
        var head = (await revParse.StandardOutput.ReadToEndAsync()).Trim();

        var json = JObject.Parse((await CliHarness.RunAsync("check", "-f", spec, "--format", "json")).Stdout);

        json["context"]!["git_commit"]!.Value<string>().ShouldBe(head);
        json["context"]!["git_branch"]!.Value<string>().ShouldBe("release");
        (await CliHarness.RunAsync("history", "-f", spec, "--no-color")).Stdout.ShouldContain(head[..8]);
    }
}
