using System.Net;
using System.Net.Sockets;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Boot;

public class BootCheckTests
{
    /// <summary>A stdlib HTTP app that writes its PID (and its child's) and can be told to misbehave.</summary>
    private const string App = """
        import os, signal, subprocess, sys, time
        from http.server import BaseHTTPRequestHandler, HTTPServer
        open("app.pid", "w").write(str(os.getpid()))
        child = subprocess.Popen(["sleep", "300"])
        open("child.pid", "w").write(str(child.pid))
        if os.environ.get("IGNORE_TERM"):
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if os.environ.get("SPAM"):
            chunk = "x" * 1023 + "\n"
            for _ in range(100 * 1024):
                sys.stdout.write(chunk)
            sys.stdout.flush()
        if os.environ.get("SLOW"):
            time.sleep(60)
        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200); self.end_headers(); self.wfile.write(b'{"app": "replica"}')
            def log_message(self, *a): pass
        print("listening", flush=True)
        HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
        """;

    private static async Task<(RunReport Report, TempDirectory Dir)> RunAsync(string checks)
    {
        var dir = new TempDirectory();
        dir.Write("app.py", App);
        var report = await SpecHarness.RunAsync($"version: 1\nname: boot\nchecks:\n{checks}", directory: dir.Path);
        return (report, dir);
    }

    [Fact]
    public async Task Boot_AppThatCrashes_FailsWithItsOutput()
    {
        var (report, dir) = await RunAsync("""
              - { id: web, kind: boot, run: "python3 -c 'import sys; print(\"booting\"); import multipart_missing_module'", timeout: 15s }
            """);
        using var _ = dir;

        var result = report.Result("web");
        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message.ShouldBe("the app answers on /: the app exited with code 1 before answering: ModuleNotFoundError: No module named 'multipart_missing_module'");
        result.Evidence.Single(e => e.Name == "output").Content.ShouldContain("booting");
    }

    [Fact]
    public async Task Boot_AppThatNeverAnswers_FailsBeforeTheTimeoutAndIsStopped()
    {
        var (report, dir) = await RunAsync("""
              - { id: web, kind: boot, run: python3 app.py, env: { SLOW: "1" }, timeout: 3s }
            """);
        using var _ = dir;

        report.Result("web").Outcome.ShouldBe(CheckOutcome.Fail);
        report.Result("web").Message!.ShouldStartWith("the app answers on /: the app did not answer within 2s");
        await ShouldBeGoneAsync(dir, "app.pid");
        await ShouldBeGoneAsync(dir, "child.pid");
    }

    [Fact]
    public async Task Boot_RunningApp_ServesItsDependantsThenLeavesNoProcessBehind()
    {
        var (report, dir) = await RunAsync("""
              - id: web
                kind: boot
                run: python3 app.py
                timeout: 15s
                expect: [ready == true, 'json.$.app == "replica"', port > 0]
              - { id: uses-it, kind: http, needs: [web], request: "GET ${boot.web.url}/x", expect: ['body contains "replica"'] }
              - { id: also-short-form, kind: http, needs: [web], request: "GET ${web.url}/y" }
            """);
        using var _ = dir;

        report.Result("web").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("web").Message);
        report.Result("uses-it").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("uses-it").Message);
        report.Result("also-short-form").Outcome.ShouldBe(CheckOutcome.Pass);
        await ShouldBeGoneAsync(dir, "app.pid");
        await ShouldBeGoneAsync(dir, "child.pid");
    }

    [Fact]
    public async Task Boot_AppThatIgnoresSigterm_IsKilledAfterTheGrace()
    {
        var (report, dir) = await RunAsync("""
              - { id: web, kind: boot, run: python3 app.py, env: { IGNORE_TERM: "1" }, stop_grace: 500ms, timeout: 15s }
            """);
        using var _ = dir;

        report.Result("web").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("web").Message);
        await ShouldBeGoneAsync(dir, "app.pid");
    }

    [Fact]
    public async Task Boot_AppThatPrints100MB_KeepsOnlyItsTail()
    {
        var (report, dir) = await RunAsync("""
              - { id: web, kind: boot, run: python3 app.py, env: { SPAM: "1" }, timeout: 30s, output_lines: 5 }
            """);
        using var _ = dir;

        var result = report.Result("web");
        result.Outcome.ShouldBe(CheckOutcome.Pass, result.Message);
        var output = result.Evidence.Single(e => e.Name == "output");
        output.Content.Split('\n').Length.ShouldBe(5);
        output.FullLength!.Value.ShouldBeGreaterThan(100_000_000);
    }

    [Fact]
    public async Task Boot_CommandThatDoesNotExist_FailsWithTheShellsReason()
    {
        var (report, dir) = await RunAsync("""
              - { id: web, kind: boot, run: greenlight-no-such-server --port 1, timeout: 10s }
            """);
        using var _ = dir;

        report.Result("web").Message!.ShouldContain("exited with code 127");
        report.Result("web").Message!.ShouldContain("not found");
    }

    [Fact]
    public async Task Boot_PortAlreadyTaken_IsAClearError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (report, dir) = await RunAsync($"  - {{ id: web, kind: boot, run: python3 app.py, port: {port} }}\n");
        using var _ = dir;

        report.Result("web").Outcome.ShouldBe(CheckOutcome.Error);
        report.Result("web").Message.ShouldBe($"port {port} is already in use: stop what listens there, or leave `port` out to get a free one");
    }

    // Under nohup SIGHUP is ignored on entry, and a non-interactive sh cannot trap a signal ignored on
    // entry: a supervisor woken by SIGHUP left the app running (found by running the suite under nohup).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Boot_GreenlightKilledWithSigkill_TakesTheAppWithIt(bool underNohup)
    {
        using var dir = new TempDirectory();
        dir.Write("app.py", App);
        dir.Write("greenlight.yaml", """
            version: 1
            name: orphan
            checks:
              - { id: web, kind: boot, run: python3 app.py, timeout: 20s }
              - { id: wait, kind: command, run: "sleep 60", needs: [web] }
            """);
        using var process = CliHarness.Start(dir.Path, null, underNohup, "check", "--no-store");
        for (var i = 0; i < 200 && !System.IO.File.Exists(Path.Combine(dir.Path, "child.pid")); i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(300);
        process.Kill(); // SIGKILL to greenlight alone: no chance to clean up.
        await process.WaitForExitAsync();

        await ShouldBeGoneAsync(dir, "app.pid");
        await ShouldBeGoneAsync(dir, "child.pid");
    }

    [Fact]
    public async Task Boot_RunInterruptedWithCtrlC_StopsTheAppAndExits130()
    {
        using var dir = new TempDirectory();
        dir.Write("app.py", App);
        dir.Write("greenlight.yaml", """
            version: 1
            name: interrupted
            checks:
              - { id: web, kind: boot, run: python3 app.py, timeout: 20s }
              - { id: wait, kind: command, run: "touch waiting; sleep 60", needs: [web] }
            """);
        using var process = CliHarness.Start(dir.Path, null, "check", "--no-store");
        var stdout = process.StandardOutput.ReadToEndAsync();
        for (var i = 0; i < 300 && !System.IO.File.Exists(Path.Combine(dir.Path, "waiting")); i++)
        {
            await Task.Delay(50);
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        process.ExitCode.ShouldBe(130, await stdout);
        await ShouldBeGoneAsync(dir, "app.pid");
        await ShouldBeGoneAsync(dir, "child.pid");
    }

    [Fact]
    public void Load_BootWithoutCommandOrProcfile_SaysWhatIsNeeded()
    {
        using var dir = new TempDirectory();
        var ex = Should.Throw<Greenlight.Spec.SpecException>(() => SpecHarness.Load("version: 1\nname: b\nchecks:\n  - { id: web, kind: boot }\n", directory: dir.Path));

        ex.Errors.ShouldHaveSingleItem().Message.ShouldContain("a boot check needs `run` (the start command) or a Procfile");
    }

    [Fact]
    public async Task Boot_ProcfileWebLine_IsUsed()
    {
        using var dir = new TempDirectory();
        dir.Write("app.py", App);
        dir.Write("Procfile", "release: echo migrate\nweb: python3 app.py\n");

        var report = await SpecHarness.RunAsync("version: 1\nname: b\nchecks:\n  - { id: web, kind: boot, timeout: 15s }\n", directory: dir.Path);

        report.Result("web").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("web").Message);
        report.Result("web").Evidence[0].Content.ShouldStartWith("python3 app.py");
    }

    private static async Task ShouldBeGoneAsync(TempDirectory dir, string pidFile)
    {
        var path = Path.Combine(dir.Path, pidFile);
        System.IO.File.Exists(path).ShouldBeTrue($"{pidFile} was never written");
        var pid = int.Parse(System.IO.File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 100 && Alive(pid); i++)
        {
            await Task.Delay(100);
        }

        Alive(pid).ShouldBeFalse($"process {pid} ({pidFile}) was left running");
    }

    private static bool Alive(int pid)
    {
        try
        {
            return System.IO.File.Exists($"/proc/{pid}/stat") && !System.IO.File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
