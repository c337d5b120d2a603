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
}
