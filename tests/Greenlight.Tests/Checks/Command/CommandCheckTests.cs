using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Command;

public class CommandCheckTests
{
    private static Task<RunReport> Run(string check, string? directory = null) =>
        SpecHarness.RunAsync($"version: 1\nname: x\nchecks:\n{check}", directory: directory);

    [Fact]
    public async Task Observe_ShellLine_CapturesExitCodeAndOutput()
    {
        var result = (await Run("""
              - id: cmd
                kind: command
                run: echo "migrations at p2_add_user_tool_history (head)"; echo warn >&2; exit 3
                env: { GREETING: hi }
                expect: [exit_code == 3, 'stdout contains "(head)"', 'stderr == "warn\n"']
            """)).Result("cmd");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Select(e => e.Name).ShouldBe(["command", "exit", "stdout", "stderr"]);
    }

    [Fact]
    public async Task Observe_ArgvAndEnvAndCwd_AreUsed()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "sub"));
        var result = (await Run("""
              - id: cmd
                kind: command
                argv: [sh, -c, 'echo "$GREETING from $(basename "$PWD")"']
                env: { GREETING: hello }
                cwd: sub
                expect: ['stdout == "hello from sub\n"']
            """, dir.Path)).Result("cmd");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
    }

    [Fact]
    public async Task Observe_ProgramNotFound_IsAnError()
    {
        var result = (await Run("""
              - { id: cmd, kind: command, argv: [greenlight-no-such-program, --version] }
            """)).Result("cmd");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message.ShouldBe("`greenlight-no-such-program` was not found (not a file, and not on PATH)");
    }

    [Fact]
    public async Task Observe_CommandThatNeverExits_IsKilledWithItsChildren()
    {
        using var dir = new TempDirectory();
        var result = (await Run("""
              - id: hang
                kind: command
                run: sleep 300 & echo $! > child.pid; sleep 300
                timeout: 1s
            """, dir.Path)).Result("hang");

        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message.ShouldBe("timed out after 1s");
        var pid = int.Parse(System.IO.File.ReadAllText(Path.Combine(dir.Path, "child.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(pid);
    }

    [Fact]
    public async Task Observe_BackgroundChildOfAFinishedCommand_IsNotLeftBehind()
    {
        using var dir = new TempDirectory();
        var result = (await Run("""
              - { id: bg, kind: command, run: "sleep 300 > /dev/null 2>&1 & echo $! > bg.pid; echo done" }
            """, dir.Path)).Result("bg");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        var pid = int.Parse(System.IO.File.ReadAllText(Path.Combine(dir.Path, "bg.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(pid);
    }

    [Fact]
    public async Task Observe_HugeOutput_IsCutAndCounted()
    {
        var result = (await Run("""
              - id: loud
                kind: command
                run: head -c 100000000 /dev/zero | tr '\0' a
                max_output: 1MiB
                timeout: 60s
                expect: [exit_code == 0, len(stdout) == 1048576]
            """)).Result("loud");

        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        result.Evidence.Single(e => e.Name == "stdout").FullLength.ShouldBe(100_000_000);
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        // The kill is sent before the check returns; the kernel may need a moment to reap.
        for (var i = 0; i < 50 && Directory.Exists($"/proc/{pid}") && !IsZombie(pid); i++)
        {
            await Task.Delay(100);
        }

        (Directory.Exists($"/proc/{pid}") && !IsZombie(pid)).ShouldBeFalse($"process {pid} outlived its check");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return System.IO.File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Trim().StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
