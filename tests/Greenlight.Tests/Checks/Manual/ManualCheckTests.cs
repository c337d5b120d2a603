using System.Diagnostics;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Greenlight.Tests.Signoffs;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Manual;

public class ManualCheckTests
{
    private const string Spec = """
        version: 1
        name: interactive
        checks:
          - id: rollback.tested
            kind: manual
            prompt: Was the rollback plan tested on staging?
            severity: critical
          - id: docs.updated
            kind: manual
            prompt: Are the docs updated?
            severity: low
        """;

    [Fact]
    public async Task Observe_NobodySigned_IsPendingAndNoGoForCriticalOnly()
    {
        var report = await SpecHarness.RunAsync(Spec);

        report.Result("rollback.tested").Outcome.ShouldBe(CheckOutcome.Pending);
        report.Result("rollback.tested").Message.ShouldBe("waiting for 1 more sign-off (0 of 1): greenlight signoff rollback.tested --by NAME");
        report.Verdict.ShouldBe(Verdict.NoGo);
        report.Notes.ShouldContain(n => n.StartsWith("docs.updated (low) is pending", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("requires: 0", "`requires`: expected a whole number from 1 to 20")]
    [InlineData("not_by: the_author", "`not_by`: expected commit_author")]
    [InlineData("valid_for: forever", "`valid_for`: expected commit or any")]
    public void Create_BadField_IsALoadError(string field, string message)
    {
        var ex = SpecHarness.LoadFails($"version: 1\nname: m\nchecks:\n  - id: a\n    kind: manual\n    prompt: ok?\n    {field}\n");
        ex.Errors.ShouldContain(e => e.Message.Contains(message, StringComparison.Ordinal) && e.Location.Line == 7);
    }

    /// <summary>The interactive sign-off, driven through a real pseudo-terminal (python3's pty module), as a person at a terminal would answer.</summary>
    [Fact]
    public async Task Check_InATerminal_AsksForPendingSignoffsAndCountsTheAnswer()
    {
        using var repo = await GitRepository.CreateAsync();
        var spec = repo.Write("greenlight.yaml", Spec);
        await repo.CommitAsync("release");
        var driver = repo.Write("drive.py", """
            import os, pty, select, sys
            exe, spec = sys.argv[1], sys.argv[2]
            env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "BUILDKITE", "JENKINS_URL")}
            env["TERM"] = "dumb"
            pid, fd = pty.fork()
            if pid == 0:
                os.execve(exe, [exe, "check", "-f", spec, "--no-color"], env)
            out = b""
            consumed = 0
            answers = [(b"Sign off as", b"Dana Reviewer\n"), (b"Note", b"restored staging from backup\n"), (b"Sign off as", b"\n")]
            while True:
                ready, _, _ = select.select([fd], [], [], 60)
                if not ready:
                    print("TIMEOUT", out.decode(errors="replace")); os.kill(pid, 9); sys.exit(3)
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
                while answers and answers[0][0] in out[consumed:]:
                    consumed = out.index(answers[0][0], consumed) + len(answers[0][0])
                    os.write(fd, answers.pop(0)[1])
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(out.decode(errors="replace"))
            sys.stdout.write("\nEXIT %d\n" % os.waitstatus_to_exitcode(status))
            """);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repo.Path };
        start.ArgumentList.Add(driver);
        start.ArgumentList.Add(CliHarness.Executable);
        start.ArgumentList.Add(spec);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start: install python3 (apt-get install python3)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        output.ShouldContain("Was the rollback plan tested on staging?");
        output.ShouldContain("Are the docs updated?");
        output.ShouldContain("left pending");
        output.ShouldContain("EXIT 0", customMessage: output);

        var list = await CliHarness.RunAsync("signoff", "--list", "-f", spec, "--no-color");
        list.Stdout.ShouldContain("Dana Reviewer");
        list.Stdout.ShouldContain("restored staging from backup");
    }

    [Fact]
    public async Task Check_ThroughAPipe_NeverAsks()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec);
        var run = await CliHarness.RunProcessAsync(dir.Path, null, "check", "-f", spec, "--no-color");
        run.ExitCode.ShouldBe(1);
        run.All.ShouldNotContain("Sign off as");
    }
}
