using System.Globalization;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Command;

/// <summary>Regression tests of issues 8 and 9 for commands: nothing left running, output shown on failure.</summary>
public class CommandRuntimeTests
{
    private static readonly string Tree = $"{Leftovers.Record}; {Leftovers.Daemon}; sleep 300 & echo $! > child.pid; touch started; wait";

    [Fact]
    public async Task Command_Timeout_KillsItsWholeScopeBeforeTheRunEnds_Issue8()
    {
        using var dir = new TempDirectory();
        var report = await SpecHarness.RunAsync($"""
            version: 1
            name: timeout
            checks:
              - id: hang
                kind: command
                run: "{Tree}"
                timeout: 1500ms
            """, directory: dir.Path);

        report.Result("hang").Message.ShouldBe("timed out after 1.5s");

        // No waiting here: the run itself waited until the scope was gone.
        Leftovers.NothingLeft(dir.Path, "sh.pid", "child.pid", "daemon.pid");
        System.IO.File.ReadAllText(Path.Combine(dir.Path, "cgroup.txt")).ShouldStartWith("/", customMessage: "this machine allows cgroup v2 as root: the command should have had a cgroup of its own");
        System.IO.File.ReadAllText(Path.Combine(dir.Path, "cgroup.txt")).ShouldContain("greenlight/");
    }

    [Fact]
    public async Task Command_SetsidDaemonOfAFinishedCommand_IsFoundAndStoppedInItsCgroup_Issue8()
    {
        using var dir = new TempDirectory();
        var report = await SpecHarness.RunAsync($$"""
            version: 1
            name: daemon
            checks:
              - { id: daemonize, kind: command, run: "{{Leftovers.Record}}; {{Leftovers.Daemon}}; while [ ! -s daemon.pid ]; do sleep 0.05; done; echo started" }
            """, directory: dir.Path);

        var result = report.Result("daemonize");
        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "exit").Content.ShouldContain("processes tracked by cgroup ");
        result.Evidence.Single(e => e.Name == "exit").Content.ShouldContain("none left running");
        Leftovers.NothingLeft(dir.Path, "sh.pid", "daemon.pid");
    }

    [Fact]
    public async Task Command_SetsidDaemonWithoutCgroups_IsFoundBySessionAndMarker_Issue8()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", $$"""
            version: 1
            name: daemon
            checks:
              - { id: daemonize, kind: command, run: "{{Leftovers.Record}}; {{Leftovers.Daemon}}; while [ ! -s daemon.pid ]; do sleep 0.05; done; echo started" }
            """);

        var run = await CliHarness.RunProcessAsync(dir.Path, new Dictionary<string, string> { ["GREENLIGHT_PROCESS_SCOPE"] = "session" }, "check", "--no-color", "--format", "json", "--no-store");

        run.ExitCode.ShouldBe(0, run.All);
        run.Stdout.ShouldContain("processes tracked by session ");
        System.IO.File.ReadAllText(Path.Combine(dir.Path, "cgroup.txt")).Trim().ShouldBe("/");
        Leftovers.NothingLeft(dir.Path, "sh.pid", "daemon.pid");
    }

    [Theory]
    [InlineData("INT", 0)]
    [InlineData("INT", 1)]
    [InlineData("INT", 2)]
    [InlineData("TERM", 0)]
    [InlineData("TERM", 1)]
    [InlineData("TERM", 2)]
    public async Task Command_RunInterrupted_KillsTheScopeBeforeGreenlightExits_Issue8(string signal, int round)
    {
        _ = round; // Repeated: the old race left `sleep` running in about a third of the runs.
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", $$"""
            version: 1
            name: interrupted
            checks:
              - { id: wait, kind: command, run: "{{Tree}}", timeout: 60s }
            """);
        using var process = CliHarness.Start(dir.Path, null, "check", "--no-store", "--no-color");
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        for (var i = 0; i < 300 && !(System.IO.File.Exists(Path.Combine(dir.Path, "started")) && System.IO.File.Exists(Path.Combine(dir.Path, "daemon.pid"))); i++)
        {
            await Task.Delay(50);
        }

        using (var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        process.ExitCode.ShouldBe(130, await stdout);

        // Greenlight has exited: everything must already be gone.
        Leftovers.NothingLeft(dir.Path, "sh.pid", "child.pid", "daemon.pid");
    }

    [Fact]
    public async Task Command_GreenlightSigkilled_LeavesNothingBehind_Issue8()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", $$"""
            version: 1
            name: killed
            checks:
              - { id: wait, kind: command, run: "{{Tree}}", timeout: 60s }
            """);
        using var process = CliHarness.Start(dir.Path, null, "check", "--no-store", "--no-color");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        for (var i = 0; i < 300 && !(System.IO.File.Exists(Path.Combine(dir.Path, "started")) && System.IO.File.Exists(Path.Combine(dir.Path, "daemon.pid"))); i++)
        {
            await Task.Delay(50);
        }

        process.Kill(); // SIGKILL to greenlight alone: the supervisor's parent-death signal must clean up.
        await process.WaitForExitAsync();

        await Leftovers.NothingLeftSoonAsync(dir.Path, "sh.pid", "child.pid", "daemon.pid");
    }

    [Fact]
    public async Task Command_Failed_ShowsTheFirstLinesOfStdoutAndStderrInItsMessage_Issue9()
    {
        var report = await SpecHarness.RunAsync("""
            version: 1
            name: failing
            checks:
              - id: migrate
                kind: command
                run: "for i in 1 2 3 4 5 6 7; do echo line $i; done; echo 'ERROR: relation users does not exist' >&2; exit 3"
            """);

        var message = report.Result("migrate").Message!;
        message.ShouldBe("""
            exit_code == 0: actual 3
            stdout:
              line 1
              line 2
              line 3
              line 4
              line 5
              … (2 more lines in the evidence)
            stderr:
              ERROR: relation users does not exist
            """.ReplaceLineEndings("\n"));
    }
}
