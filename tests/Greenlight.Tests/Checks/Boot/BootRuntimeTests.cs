using Greenlight.Engine;
using Greenlight.Tests.Checks.Command;
using Greenlight.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Boot;

/// <summary>Regression tests of issues 8 and 9 for boot: ready means 2xx/3xx, output kept for the whole run, daemons stopped.</summary>
public class BootRuntimeTests
{
    /// <summary>A stdlib app: /health answers HEALTH (default 200), /crash prints a traceback and answers 500; DAEMON starts a setsid daemon.</summary>
    private const string App = """
        import os, subprocess, sys, traceback
        from http.server import BaseHTTPRequestHandler, HTTPServer
        open("sh.pid", "w").write(str(os.getpid()))
        open("sid.txt", "w").write(str(os.getsid(0)))
        open("cgroup.txt", "w").write([l[3:].strip() for l in open("/proc/self/cgroup") if l.startswith("0::")][0])
        if os.environ.get("DAEMON"):
            subprocess.run(["setsid", "-f", "sh", "-c", "echo $$ > daemon.pid; exec sleep 300"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/crash":
                    try:
                        row = None
                        row["mood_level"]
                    except TypeError:
                        traceback.print_exc()
                        sys.stderr.flush()
                    self.send_response(500); self.end_headers(); self.wfile.write(b"Internal Server Error"); return
                status = int(os.environ.get("HEALTH", "200"))
                self.send_response(status); self.end_headers(); self.wfile.write(b'{"status": "starting"}' if status >= 500 else b'{"ok": true}')
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
    public async Task Boot_HealthAnswers503_IsNotReady_Issue9()
    {
        var (report, dir) = await RunAsync("""
              - { id: web, kind: boot, run: python3 app.py, ready: /health, env: { HEALTH: "503" }, timeout: 3s }
            """);
        using var _ = dir;

        var result = report.Result("web");
        result.Outcome.ShouldBe(CheckOutcome.Fail, result.Message);
        result.Message!.ShouldStartWith("the app answers on /health: the app did not become ready within 2s: /health last answered 503 Service Unavailable (\"{\"status\": \"starting\"}\"), which is not 2xx or 3xx; its last output: listening");
        result.Evidence.Single(e => e.Name == "output").Content.ShouldContain("listening");
        result.Evidence.Single(e => e.Name == "boot").Content.ShouldContain("the last non-ready answer: 503");
        Leftovers.NothingLeft(dir.Path, "sh.pid");
    }

    [Fact]
    public async Task Boot_ReadyButAssertionsOutlastTheTimeout_IsAnErrorAndTheAppIsStopped()
    {
        // Ready within a second (the check waits up to 4.8s for it, even on a busy machine), then seven
        // catastrophic patterns of 1s each (their match timeout) outlast the 6s timeout.
        const string Slow = "'output matches /^(a+)+$/'";
        var (report, dir) = await RunAsync($$"""
              - { id: web, kind: boot, run: "printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n'; exec python3 app.py", ready: /health, timeout: 6s, expect: [{{Slow}}, {{Slow}}, {{Slow}}, {{Slow}}, {{Slow}}, {{Slow}}, {{Slow}}] }
            """);
        using var _ = dir;

        var result = report.Result("web");
        result.Outcome.ShouldBe(CheckOutcome.Error, result.Message);
        result.Message.ShouldBe("timed out after 6s");
        System.IO.File.Exists(Path.Combine(dir.Path, "sh.pid")).ShouldBeTrue("the app started and was ready before the timeout");
        Leftovers.NothingLeft(dir.Path, "sh.pid");
    }

    [Fact]
    public async Task Boot_ReadyStatusWidened_Accepts503_Issue9()
    {
        var (report, dir) = await RunAsync("""
              - { id: web, kind: boot, run: python3 app.py, ready: /health, ready_status: [2xx, 503], env: { HEALTH: "503" }, timeout: 15s, expect: [status == 503] }
            """);
        using var _ = dir;

        report.Result("web").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("web").Message);
    }

    [Fact]
    public void Load_ReadyStatusThatIsNotAStatus_IsASpecError_Issue9()
    {
        var ex = SpecHarness.LoadFails("version: 1\nname: b\nchecks:\n  - { id: web, kind: boot, run: x, ready_status: [2xx, teapot] }\n");

        ex.Errors.ShouldHaveSingleItem().Message.ShouldBe("`ready_status`: `teapot` is not a status code (100-599) or a class such as 2xx");
        ex.Errors[0].Location.ToString().ShouldContain(":4:");
    }

    [Fact]
    public async Task Boot_AppOutputDuringAnotherCheck_LandsInThatChecksEvidenceAndTheBootsAtTheEnd_Issue9()
    {
        using var dir = new TempDirectory();
        dir.Write("app.py", App);
        var spec = dir.Write("greenlight.yaml", """
            version: 1
            name: traceback
            checks:
              - { id: web, kind: boot, run: python3 app.py, timeout: 15s }
              - { id: api.crash, kind: http, needs: [web], request: "GET ${web.url}/crash", expect: [status == 200] }
              - { id: api.fine, kind: http, needs: [web], request: "GET ${web.url}/", expect: [status == 200] }
            """);

        var run = await CliHarness.RunAsync("check", "-f", spec, "--no-color", "--format", "json");
        run.ExitCode.ShouldBe(1, run.All);

        var report = Newtonsoft.Json.Linq.JObject.Parse(run.Stdout);
        var crash = report["results"]!.Single(r => (string)r["id"]! == "api.crash");
        var seen = crash["evidence"]!.Single(e => (string)e["name"]! == "app output");
        ((string)seen["content"]!).ShouldContain("the app booted by web printed, during this check:");
        ((string)seen["content"]!).ShouldContain("TypeError: 'NoneType' object is not subscriptable");

        var boot = report["results"]!.Single(r => (string)r["id"]! == "web");
        var during = boot["evidence"]!.Single(e => (string)e["name"]! == "output during the run");
        ((string)during["content"]!).ShouldContain("TypeError: 'NoneType' object is not subscriptable");
        ((string)boot["evidence"]!.Single(e => (string)e["name"]! == "stop")["content"]!).ShouldContain("stopped at the end of the run");

        // The store learned the amended evidence too.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, ".greenlight", "history.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content FROM gl_evidence WHERE check_id = 'web' AND name = 'output during the run'";
        ((string)(await command.ExecuteScalarAsync())!).ShouldContain("TypeError");
        Leftovers.NothingLeft(dir.Path, "sh.pid");
    }

    [Fact]
    public async Task Boot_AppThatDaemonizes_LeavesNothingByPidSessionAndCgroup_Issue8()
    {
        var (report, dir) = await RunAsync("""
              - { id: web, kind: boot, run: python3 app.py, env: { DAEMON: "1" }, timeout: 15s }
            """);
        using var _ = dir;

        report.Result("web").Outcome.ShouldBe(CheckOutcome.Pass, report.Result("web").Message);
        report.Result("web").Evidence.Single(e => e.Name == "stop").Content.ShouldContain("none left running");
        Leftovers.NothingLeft(dir.Path, "sh.pid", "daemon.pid");
    }
}
