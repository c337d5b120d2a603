using System.Diagnostics;
using Greenlight.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Cli;

/// <summary>What <c>check</c> writes where, through the real process and real redirected streams.</summary>
public class CheckCommandTests
{
    private static readonly string LongFix = "Restart the service " + string.Join(" ", Enumerable.Repeat("and read its log carefully", 20)) + ".";

    private static string Spec => $$"""
        version: 1
        name: streams
        checks:
          - { id: env.keys, kind: env, require: [PATH], optional: [GL_SURELY_UNSET_OPTIONAL] }
          - { id: broken, kind: command, run: "exit 3", fix: "{{LongFix}}" }
          - { id: after, kind: command, run: "true", needs: [broken] }
        """;

    /// <summary>Runs greenlight through a shell with stdout and stderr redirected to files, as CI does.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToFilesAsync(string dir, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = dir, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" > stdout.txt 2> stderr.txt");
        start.ArgumentList.Add(CliHarness.Executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await File.ReadAllTextAsync(Path.Combine(dir, "stdout.txt")), await File.ReadAllTextAsync(Path.Combine(dir, "stderr.txt")));
    }

    /// <summary>Runs greenlight on a pseudo-terminal (util-linux `script`), to prove colour is on where it belongs.</summary>
    private static async Task<string> RunOnTerminalAsync(string dir, string term, string? noColor, params string[] args)
    {
        var start = new ProcessStartInfo("script") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-qec");
        start.ArgumentList.Add(string.Join(" ", new[] { CliHarness.Executable }.Concat(args).Select(a => "'" + a + "'")));
        start.ArgumentList.Add("/dev/null");
        start.Environment["TERM"] = term;
        start.Environment.Remove("NO_COLOR");
        if (noColor is not null)
        {
            start.Environment["NO_COLOR"] = noColor;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("`script` (util-linux) is needed to run greenlight on a pseudo-terminal: apt-get install bsdutils", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);
            return await output;
        }
    }

    [Fact]
    public async Task Check_Issue9_RedirectedToFiles_HasNoEscapeCodesAndNoWrapping()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);

        var (code, stdout, stderr) = await RunToFilesAsync(dir.Path, null, "check");

        code.ShouldBe(1, stdout + stderr);
        stdout.ShouldNotContain("\u001b");
        stderr.ShouldNotContain("\u001b");
        stdout.ShouldNotContain("╭");
        stdout.Split('\n').ShouldContain(l => l.Contains("fix: " + LongFix, StringComparison.Ordinal));
        stdout.ShouldContain("Verdict: NO-GO");
    }

    [Fact]
    public async Task Check_Issue9_OnATerminal_IsColouredUnlessNoColorOrDumb()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);

        // SGR sequences (colour, bold); the runtime's own keypad-mode sequence on a terminal is not styling.
        const string Style = @"\u001b\[[0-9;]*m";
        (await RunOnTerminalAsync(dir.Path, "xterm-256color", null, "check", "--no-store")).ShouldMatch(Style);
        (await RunOnTerminalAsync(dir.Path, "xterm-256color", "1", "check", "--no-store")).ShouldNotMatch(Style);
        (await RunOnTerminalAsync(dir.Path, "dumb", null, "check", "--no-store")).ShouldNotMatch(Style);
    }

    [Fact]
    public async Task Check_Issue9_JsonToStdout_IsPureJsonAndDiagnosticsGoToStderr()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);

        var (code, stdout, stderr) = await RunToFilesAsync(dir.Path, null, "check", "--format", "json");

        code.ShouldBe(1);
        var json = JObject.Parse(stdout);
        json["verdict"]!.Value<string>().ShouldBe("no_go");
        stderr.ShouldContain("Verdict: NO-GO");
        stderr.ShouldNotContain("\u001b");
    }

    [Fact]
    public async Task Check_Issue9_BadSpec_ErrorsGoToStderrOnly()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", "version: 1\nname: x\nchecks:\n  - { id: a, kind: comand }\n");

        var (code, stdout, stderr) = await RunToFilesAsync(dir.Path, null, "check");

        code.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("greenlight.yaml:4:20: error: unknown kind `comand`");
    }

    [Theory]
    [InlineData("check")]
    [InlineData("validate")]
    public async Task FormatJson_Issue9_BadSpec_WritesAJsonErrorObject(string command)
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", "version: 1\nname: x\nchecks:\n  - { id: a, kind: comand }\n");

        var (code, stdout, stderr) = await RunToFilesAsync(dir.Path, null, command, "--format", "json");

        code.ShouldBe(2);
        var json = JObject.Parse(stdout);
        json["schema"]!.Value<string>().ShouldBe("greenlight.problem/v1");
        json["problem"]!.Value<string>().ShouldBe("spec");
        var error = json["errors"]!.ShouldHaveSingleItem();
        error["file"]!.Value<string>().ShouldBe("greenlight.yaml");
        error["line"]!.Value<int>().ShouldBe(4);
        error["column"]!.Value<int>().ShouldBe(20);
        error["message"]!.Value<string>()!.ShouldStartWith("unknown kind `comand`; did you mean `command`?");
        stderr.ShouldContain("error");
    }

    [Fact]
    public async Task Validate_Issue9_FormatJson_ValidSpec_IsOneObject()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);

        var (code, stdout, _) = await RunToFilesAsync(dir.Path, null, "validate", "--format", "json");

        code.ShouldBe(0);
        var json = JObject.Parse(stdout);
        json["valid"]!.Value<bool>().ShouldBeTrue();
        json["checks"]!.Value<int>().ShouldBe(3);
        json["kinds"]!["command"]!.Value<int>().ShouldBe(2);
    }

    [Theory]
    [InlineData("console")]
    [InlineData("json")]
    [InlineData("md")]
    [InlineData("junit")]
    public async Task Check_Issue9_OutFile_WorksWithEveryFormat(string format)
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);

        var (code, stdout, stderr) = await RunToFilesAsync(dir.Path, null, "check", "--format", format, "--out", "report.out");

        code.ShouldBe(1, stdout + stderr);
        var report = await File.ReadAllTextAsync(Path.Combine(dir.Path, "report.out"));
        report.ShouldNotContain("\u001b");
        switch (format)
        {
            case "console":
                report.ShouldContain("Verdict: NO-GO");
                report.ShouldContain("broken (high) failed: exit_code == 0: actual 3; 1 check that needs it was not verified: after");
                break;
            case "json":
                JObject.Parse(report)["verdict"]!.Value<string>().ShouldBe("no_go");
                break;
            case "md":
                report.ShouldStartWith("# Release review: streams");
                break;
            default:
                System.Xml.Linq.XDocument.Parse(report).Root!.Name.LocalName.ShouldBe("testsuites");
                break;
        }

        stdout.ShouldContain("Report written to report.out");
    }

    [Fact]
    public async Task Check_Issue9_OutFileInAMissingFolder_IsRefusedBeforeRunning()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", "version: 1\nname: x\nchecks:\n  - { id: a, kind: command, run: \"touch ran\" }\n");

        var (code, _, stderr) = await RunToFilesAsync(dir.Path, null, "check", "--out", "no/such/folder/report.json", "--format", "json");

        code.ShouldBe(2);
        stderr.ShouldContain("does not exist");
        File.Exists(Path.Combine(dir.Path, "ran")).ShouldBeFalse();
    }

    [Fact]
    public async Task Check_Issue9_RetriesAreShownAsTheyHappen()
    {
        using var dir = new TempDirectory();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        dir.Write("greenlight.yaml", $$"""
            version: 1
            name: retries
            checks:
              - { id: api.health, kind: http, request: "GET http://127.0.0.1:{{port}}/health", retry: { attempts: 3, delay: 10ms }, expect: [status == 200] }
              - { id: version, kind: command, run: "echo v1", retry: { attempts: 5, delay: 10ms }, expect: ['stdout contains "v2"'] }
            """);

        var (code, stdout, _) = await RunToFilesAsync(dir.Path, null, "check", "--no-store");

        code.ShouldBe(1);
        stdout.ShouldContain("api.health: attempt 1/3 failed: ");
        stdout.ShouldContain("Connection refused");
        stdout.ShouldContain("; next in 10ms");
        stdout.ShouldContain("api.health: attempt 2/3 failed: ");
        stdout.ShouldNotContain("version: attempt");
    }

    [Fact]
    public async Task Check_Issue9_WarningIsAWarningRowAndDurationsHaveOneFormat()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", "version: 1\nname: w\nchecks:\n  - { id: env.keys, kind: env, require: [PATH], optional: [GL_SURELY_UNSET_OPTIONAL] }\n");

        var (code, stdout, _) = await RunToFilesAsync(dir.Path, null, "check", "--no-store");

        code.ShouldBe(0);
        stdout.ShouldContain("Verdict: GO WITH WARNINGS");
        stdout.Split('\n').ShouldContain(l => l.StartsWith("warn ", StringComparison.Ordinal) && l.Contains("env.keys", StringComparison.Ordinal));
        stdout.ShouldNotContain("pass    env.keys");
        stdout.ShouldMatch(@"⚠ env\.keys \d+(\.\d+)?ms");
    }
}
