using Greenlight.Cli;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Rollback;

public sealed class RollbackCliTests
{
    private const string Secret = "pw-rollback-secret-77";

    private static string Spec(string steps) => $"""
        version: 1
        name: way-back
        secrets: [DEPLOY_TOKEN]
        checks:
          - id: restored
            kind: file
            phase: post
            path: step1.done
        rollback:
        {steps}
        """;

    [Fact]
    public async Task Rollback_AllStepsSucceed_RunsInOrderStoresOutputAndVerifiesWithPostChecks()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("""
              - name: revert
                run: echo "reverting with $DEPLOY_TOKEN" && touch step1.done
              - name: second
                run: test -f step1.done && echo second > step2.done
                env: { GREETING: hello }
            """));

        var run = await CliHarness.RunProcessAsync(dir.Path, new Dictionary<string, string> { ["DEPLOY_TOKEN"] = Secret }, "rollback", "--yes");

        run.ExitCode.ShouldBe(ExitCodes.Go, run.All);
        run.Stdout.ShouldContain("Rollback: done (2 steps)");
        run.Stdout.ShouldContain("Post checks after the rollback: GO");
        File.Exists(Path.Combine(dir.Path, "step2.done")).ShouldBeTrue();
        var show = await CliHarness.RunAsync("show", "last~1", "-f", spec, "--check", "rollback.step-1");
        show.Stdout.ShouldContain("reverting with ***");
        show.Stdout.ShouldNotContain(Secret);
        run.All.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Rollback_AFailingStep_StopsTheRestAndExitsWithItsOwnCode()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec("""
              - { name: first, run: touch step1.done }
              - { name: migrate down, run: "echo 'downgrade failed' >&2; exit 3" }
              - { name: third, run: touch step3.done }
            """));

        var run = await CliHarness.RunProcessAsync(dir.Path, null, "rollback", "--yes");

        run.ExitCode.ShouldBe(ExitCodes.RollbackFailed, run.All);
        run.Stdout.ShouldContain("FAILED at step 2 (migrate down): exit code 3: downgrade failed");
        run.Stdout.ShouldContain("ran before it: first");
        run.Stdout.ShouldContain("not run: third");
        File.Exists(Path.Combine(dir.Path, "step3.done")).ShouldBeFalse();
    }

    [Fact]
    public async Task Rollback_DryRun_PrintsTheStepsAndRunsNothing()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("  - { name: first, run: touch step1.done, timeout: 30s }"));

        var run = await CliHarness.RunAsync("rollback", "-f", spec, "--dry-run");

        run.ExitCode.ShouldBe(ExitCodes.Go, run.All);
        run.Stdout.ShouldContain("1. first");
        run.Stdout.ShouldContain("touch step1.done");
        run.Stdout.ShouldContain("timeout 30s");
        File.Exists(Path.Combine(dir.Path, "step1.done")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("later\nn\n", false)]
    [InlineData("\n", false)]
    public async Task Rollback_OnATerminal_AsksAndRunsOnlyOnYes(string answers, bool runs)
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("  - run: touch step1.done"));

        var output = await RunOnTerminalAsync(dir.Path, answers, "rollback", "-f", spec, "--no-store", "--no-color");

        output.ShouldContain("Run the rollback now? [y/N]");
        File.Exists(Path.Combine(dir.Path, "step1.done")).ShouldBe(runs);
        if (!runs)
        {
            output.ShouldContain("Nothing was run.");
        }

        if (answers.StartsWith("later", StringComparison.Ordinal))
        {
            output.ShouldContain("Please answer y or n.");
        }
    }

    [Fact]
    public async Task Rollback_NotATerminalWithoutYes_RefusesWithExit2()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("  - run: touch step1.done"));

        var run = await CliHarness.RunAsync("rollback", "-f", spec);

        run.ExitCode.ShouldBe(ExitCodes.BadInput);
        run.Stdout.ShouldContain("pass --yes");
        File.Exists(Path.Combine(dir.Path, "step1.done")).ShouldBeFalse();
    }

    [Fact]
    public void Load_UnknownStepField_IsASpecError()
    {
        var errors = SpecHarness.LoadFails(Spec("  - { run: true, retries: 3 }")).Errors;

        errors.ShouldContain(e => e.Message.Contains("unknown field `retries` in a rollback step"));
    }

    [Fact]
    public async Task Check_RollbackOnNoGo_RollsBackAndVerifies()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", """
            version: 1
            name: check-then-back
            checks:
              - { id: broken, kind: command, run: "exit 1" }
              - { id: restored, kind: file, phase: post, path: undone }
            rollback:
              - run: touch undone
            """);

        var run = await CliHarness.RunAsync("check", "-f", spec, "--phase", "pre", "--rollback-on-no-go", "--no-store");

        run.ExitCode.ShouldBe(ExitCodes.NoGo, run.All);
        File.Exists(Path.Combine(dir.Path, "undone")).ShouldBeTrue();
        run.Stdout.ShouldContain("Post checks after the rollback: GO");
    }

    /// <summary>Runs greenlight on a pseudo-terminal (util-linux `script`), typing the given answers.</summary>
    private static async Task<string> RunOnTerminalAsync(string dir, string answers, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("script") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-qec");
        start.ArgumentList.Add(string.Join(" ", new[] { CliHarness.Executable }.Concat(args).Select(a => "'" + a + "'")));
        start.ArgumentList.Add("/dev/null");
        start.Environment["TERM"] = "xterm-256color";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteAsync(answers);
        await process.StandardInput.FlushAsync();
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        // The terminal gets cursor-mode and reset sequences even with --no-color; the words are what is checked.
        return System.Text.RegularExpressions.Regex.Replace(await output, @"\x1b(\[[0-9;?]*[A-Za-z]|[=>])", "");
    }
}
