using System.Diagnostics;
using System.Runtime.InteropServices;
using Greenlight.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Cli;

public class CliTests
{
    private const string PassingSpec = """
        version: 1
        name: cli
        checks:
          - { id: ok, kind: command, run: "true" }
        """;

    [Fact]
    public async Task Check_Go_ExitsZero()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", PassingSpec);

        var run = await CliHarness.RunAsync("check", "-f", path, "--no-color");

        run.ExitCode.ShouldBe(0, run.All);
        run.Stdout.ShouldContain("Verdict: GO");
    }

    [Fact]
    public async Task Check_NoGo_ExitsOne()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", "version: 1\nname: cli\nchecks:\n  - { id: bad, kind: command, run: \"exit 4\", fix: Do the thing. }\n");

        var run = await CliHarness.RunAsync("check", "-f", path, "--no-color");

        run.ExitCode.ShouldBe(1);
        run.Stdout.ShouldContain("exit_code == 0  →  actual 4");
        run.Stdout.ShouldContain("fix: Do the thing.");
        run.Stdout.ShouldContain("Verdict: NO-GO");
    }

    [Fact]
    public async Task Check_WarningsWithStrict_ExitsOne()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", "version: 1\nname: cli\nchecks:\n  - { id: m, kind: command, run: \"exit 1\", severity: medium }\n");

        (await CliHarness.RunAsync("check", "-f", path)).ExitCode.ShouldBe(0);
        (await CliHarness.RunAsync("check", "-f", path, "--strict")).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Check_BadSpec_ExitsTwoWithLocationAndCaret()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", "version: 1\nname: cli\nchecks:\n  - { id: ok, kind: comand, run: \"true\" }\n");

        var run = await CliHarness.RunAsync("check", "-f", path, "--no-color");

        run.ExitCode.ShouldBe(2);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain($"{path}:4:21: error: unknown kind `comand`; did you mean `command`?");
        run.Stderr.ShouldContain("   4 |   - { id: ok, kind: comand, run: \"true\" }");
        run.Stderr.ShouldContain("     |                     ^");
        run.Stderr.ShouldContain("nothing was run");
    }

    [Theory]
    [InlineData("check", "--phase", "during")]
    [InlineData("check", "--parallel", "0")]
    [InlineData("check", "--format", "pdf")]
    [InlineData("check", "--parallel", "abc")]
    [InlineData("check", "--store-wait", "soon")]
    [InlineData("check", "--evidence-limit", "lots")]
    [InlineData("history", "--limit", "many")]
    [InlineData("frobnicate")]
    public async Task Run_Issue9_BadCommandLine_ExitsTwoWithAReasonAndNoStackTrace(params string[] args)
    {
        // A real process: what a user sees, not what the test host would print.
        var run = await CliHarness.RunProcessAsync(AppContext.BaseDirectory, null, args);

        run.ExitCode.ShouldBe(2, run.All);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldStartWith("error: ");
        run.Stderr.ShouldNotContain("   at ");
        run.Stderr.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task Run_Issue9_ParallelNotANumber_SaysWhatWasExpected()
    {
        var run = await CliHarness.RunProcessAsync(AppContext.BaseDirectory, null, "check", "--parallel", "abc");

        run.Stderr.ShouldContain("--parallel: expected a whole number of at least 1, got `abc`");
    }

    [Fact]
    public async Task Run_Issue9_NoArguments_PrintsHelp()
    {
        var run = await CliHarness.RunProcessAsync(AppContext.BaseDirectory, null);

        run.ExitCode.ShouldBe(0, run.All);
        run.Stdout.ShouldContain("Usage:");
        run.Stdout.ShouldContain("check");
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_Issue9_UnknownCommand_SuggestsTheNearest()
    {
        var run = await CliHarness.RunProcessAsync(AppContext.BaseDirectory, null, "chek");

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("error: `chek` is not a greenlight command; did you mean `check`?");
    }

    [Fact]
    public async Task Check_UnknownOnlyId_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", PassingSpec);

        var run = await CliHarness.RunAsync("check", "-f", path, "--only", "okk");

        run.ExitCode.ShouldBe(2);
        run.All.ShouldContain("did you mean `ok`?");
    }

    [Fact]
    public async Task Check_JsonToStdout_IsTheContractAndProgressGoesToStderr()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", PassingSpec);

        var run = await CliHarness.RunAsync("check", "-f", path, "--format", "json");

        var json = JObject.Parse(run.Stdout);
        json["schema"]!.Value<string>().ShouldBe("greenlight.report/v1");
        json["verdict"]!.Value<string>().ShouldBe("go");
        json["counts"]!["pass"]!.Value<int>().ShouldBe(1);
        run.Stderr.ShouldContain("Verdict: GO");
    }

    [Fact]
    public async Task Check_OutFile_WritesTheReport()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", PassingSpec);
        var report = Path.Combine(dir.Path, "report.xml");

        var run = await CliHarness.RunAsync("check", "-f", path, "--format", "junit", "--out", report);

        run.ExitCode.ShouldBe(0);
        System.Xml.Linq.XDocument.Load(report).Root!.Name.LocalName.ShouldBe("testsuites");
    }

    [Fact]
    public async Task Validate_ValidSpec_SummarisesIt()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", PassingSpec);

        var run = await CliHarness.RunAsync("validate", "-f", path, "--no-color");

        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldContain("spec cli is valid — 1 check (command 1)");
    }

    [Fact]
    public async Task Validate_MalformedVar_ExitsTwoWithoutEchoingIt()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", PassingSpec);

        var run = await CliHarness.RunAsync("validate", "-f", path, "--var", "sk-live-oops");

        run.ExitCode.ShouldBe(2);
        run.All.ShouldNotContain("sk-live-oops");
    }

    [Fact]
    public async Task SpecSchema_PrintsJsonSchemaWithEveryKind()
    {
        var run = await CliHarness.RunAsync("spec-schema");

        var schema = JObject.Parse(run.Stdout);
        schema["$schema"]!.Value<string>().ShouldStartWith("http://json-schema.org/draft-07");
        var kinds = schema["properties"]!["checks"]!["items"]!["oneOf"]!.Select(k => k["properties"]!["kind"]!["const"]!.Value<string>()).ToList();
        kinds.Select(k => k!).ShouldBe(Greenlight.Checks.CheckKindRegistry.Default.Names.Order(StringComparer.Ordinal).ToList());
        kinds.ShouldContain("http");
    }

    [Theory]
    [InlineData("root")]
    [InlineData("check")]
    [InlineData("validate")]
    [InlineData("spec-schema")]
    [InlineData("watch")]
    [InlineData("rollback")]
    [InlineData("mcp")]
    public async Task Help_IsStable(string command)
    {
        // A real process, so usage shows the command's own name rather than the test host's.
        var args = command == "root" ? new[] { "--help" } : [command, "--help"];
        var run = await CliHarness.RunProcessAsync(AppContext.BaseDirectory, null, args);

        run.ExitCode.ShouldBe(0);
        Snapshot.Match($"help-{command}", run.Stdout);
    }

    [Fact]
    public async Task Check_Interrupted_Exits130AndKeepsFinishedResults()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", """
            version: 1
            name: cli
            checks:
              - { id: quick, kind: command, run: "true" }
              - { id: slow, kind: command, run: "touch started; sleep 60", needs: [quick] }
            """);
        using var process = CliHarness.Start(dir.Path, null, "check", "--format", "json", "--out", "report.json");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        for (var i = 0; i < 200 && !File.Exists(Path.Combine(dir.Path, "started")); i++)
        {
            await Task.Delay(50);
        }

        SendSigint(process.Id);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);

        process.ExitCode.ShouldBe(130, await stdout + await stderr);
        var report = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "report.json")));
        report["interrupted"]!.Value<bool>().ShouldBeTrue();
        report["results"]!.Single(r => r["id"]!.Value<string>() == "quick")["outcome"]!.Value<string>().ShouldBe("pass");
    }

    [Fact]
    public async Task Check_Issue9_InterruptedDuringRetries_ShowTellsEveryAttempt()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", """
            version: 1
            name: cli
            checks:
              - id: warming
                kind: command
                run: 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo "attempt $n saw 503"; if [ $n -ge 3 ]; then touch third; sleep 60; fi; exit 1'
                retry: { attempts: 10, delay: 10ms, on: [error, fail] }
            """);
        using var process = CliHarness.Start(dir.Path, null, "check", "--no-color");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        for (var i = 0; i < 400 && !File.Exists(Path.Combine(dir.Path, "third")); i++)
        {
            await Task.Delay(50);
        }

        SendSigint(process.Id);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        process.ExitCode.ShouldBe(130, await stdout + await stderr);

        var show = await CliHarness.RunProcessAsync(dir.Path, null, "show", "last", "--check", "warming");

        show.ExitCode.ShouldBe(0, show.All);
        show.Stdout.ShouldContain("after 3 attempts: not finished: the run was interrupted during attempt 3 (2 before it: fail: exit_code == 0: actual 1; fail: exit_code == 0: actual 1)");
        show.Stdout.ShouldContain("attempt 1: fail");
        show.Stdout.ShouldContain("attempt 2: fail");
        show.Stdout.ShouldContain("attempt 3: skipped");
        show.Stdout.ShouldContain("attempt 2 saw 503");
        show.Stdout.ShouldNotContain("after 0 attempts");
    }

    private static void SendSigint(int pid)
    {
        using var kill = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
