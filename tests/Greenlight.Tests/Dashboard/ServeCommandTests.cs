using System.Diagnostics;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Dashboard;

/// <summary><c>greenlight serve</c> as a real process: it prints where it listens, serves, and stops on SIGTERM with exit 0.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_RealProcess_ServesUntilTerminated()
    {
        var (site, _) = await DashboardServerTests.FilledAsync();
        await using var _ = site;
        using var process = CliHarness.Start(site.Folder, null, "serve", "--store", site.StoreArgument, "--port", "0");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = await process.StandardOutput.ReadLineAsync(patience.Token);

        first.ShouldNotBeNull();
        first.ShouldStartWith($"Serving {site.StoreArgument} at http://127.0.0.1:");
        var url = first.Split(" at ")[1].Split(' ')[0].TrimEnd('/');
        using var http = new HttpClient();
        (await http.GetStringAsync(url + "/healthz/billing", patience.Token)).ShouldStartWith("GO WITH WARNINGS billing");

        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await process.WaitForExitAsync(patience.Token);
        process.ExitCode.ShouldBe(0);
        (await process.StandardError.ReadToEndAsync(patience.Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Serve_NonLoopbackWithoutAuth_Warns()
    {
        var (site, _) = await DashboardServerTests.FilledAsync();
        await using var _ = site;
        using var process = CliHarness.Start(site.Folder, null, "serve", "--store", site.StoreArgument, "--port", "0", "--bind", "0.0.0.0");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var warning = await process.StandardError.ReadLineAsync(patience.Token);
        (await process.StandardOutput.ReadLineAsync(patience.Token))!.ShouldStartWith("Serving ");
        process.Kill();
        await process.WaitForExitAsync(patience.Token);

        warning.ShouldBe("warning: serving on 0.0.0.0 without authentication: anyone who can reach this port can read every stored run and its evidence; give --auth-token-env NAME");
    }

    [Theory]
    [InlineData("--bind", "example.org", "error: --bind example.org: expected an IP address to listen on, such as 127.0.0.1, 0.0.0.0 or ::")]
    [InlineData("--auth-token-env", "GL_TEST_UNSET_TOKEN", "error: --auth-token-env GL_TEST_UNSET_TOKEN: the environment variable GL_TEST_UNSET_TOKEN is not set or empty")]
    [InlineData("--port", "70000", "error: --port 70000: expected a TCP port from 1 to 65535 (0 picks a free one)")]
    public async Task Serve_BadOption_Exit2WithTheReason(string option, string value, string expected)
    {
        var (site, _) = await DashboardServerTests.FilledAsync();
        await using var _ = site;

        var run = await CliHarness.RunAsync("serve", "--store", site.StoreArgument, option, value);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldStartWith(expected);
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Serve_MissingStore_Exit2()
    {
        using var dir = new TempDirectory();

        var run = await CliHarness.RunAsync("serve", "--store", Path.Combine(dir.Path, "none.db"));

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("does not exist (run greenlight check first, or give --store)");
    }

    [Fact]
    public async Task Help_IsStable()
    {
        var run = await CliHarness.RunProcessAsync(AppContext.BaseDirectory, null, "serve", "--help");

        run.ExitCode.ShouldBe(0);
        Snapshot.Match("help-serve", run.Stdout);
    }
}
