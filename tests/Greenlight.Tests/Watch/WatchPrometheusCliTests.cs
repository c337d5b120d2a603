using Greenlight.Cli;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Watch;

/// <summary>greenlight watch end to end in compressed time against a real Prometheus.</summary>
[Collection("prometheus")]
public sealed class WatchPrometheusCliTests(PrometheusServer prometheus)
{
    private string Spec(string metric, string extra = "") => $"""
        version: 1
        name: prom-watch
        checks:
          - id: rate
            kind: metric
            phase: watch
            url: {prometheus.Url}
            query: 'max_over_time({metric}[${"{"}watch.elapsed{"}"}])'
            expect: [value > 0.95]
            fix: Roll back the release.
          - id: after.rollback
            kind: file
            phase: post
            path: rolled-back
        watch:
          consecutive_failure_limit: 2
        {extra}
        rollback:
          - name: undo the release
            run: touch rolled-back
        """;

    [Fact]
    public async Task Watch_SustainedFailure_RollsBackAndVerifiesWithPostChecks()
    {
        prometheus.Set("gl_e2e_bad_rate", 0.5);
        await prometheus.WaitForSampleAsync("gl_e2e_bad_rate", TimeSpan.FromSeconds(30));
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("gl_e2e_bad_rate"));

        var run = await CliHarness.RunAsync("watch", "-f", spec, "--every", "1s", "--for", "6s", "--rollback-on-fail");

        run.ExitCode.ShouldBe(ExitCodes.NoGo, run.All);
        run.Stdout.ShouldContain("2 failures in a row (consecutive_failure_limit 2)");
        run.Stdout.ShouldContain("fix for rate: Roll back the release.");
        File.Exists(Path.Combine(dir.Path, "rolled-back")).ShouldBeTrue();
        run.Stdout.ShouldContain("Post checks after the rollback: GO");
        run.Stdout.ShouldNotContain("\u001b[");
    }

    [Fact]
    public async Task Watch_HealthyMetric_IsGo()
    {
        prometheus.Set("gl_e2e_good_rate", 0.99);
        await prometheus.WaitForSampleAsync("gl_e2e_good_rate", TimeSpan.FromSeconds(30));
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("gl_e2e_good_rate"));

        var run = await CliHarness.RunAsync("watch", "-f", spec, "--every", "1s", "--for", "3s", "--format", "json");

        run.ExitCode.ShouldBe(ExitCodes.Go, run.All);
        run.Stdout.ShouldContain("\"verdict\": \"go\"");
        run.Stdout.ShouldContain("\"measurements\": 3");
        File.Exists(Path.Combine(dir.Path, "rolled-back")).ShouldBeFalse();
    }

    [Fact]
    public async Task Watch_NoDataInconclusive_EndsHoldWithItsOwnExitCode()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("gl_e2e_never_there", "  on_no_data: inconclusive"));

        var run = await CliHarness.RunAsync("watch", "-f", spec, "--every", "1s", "--for", "2s");

        run.ExitCode.ShouldBe(ExitCodes.Hold, run.All);
        run.Stdout.ShouldContain("HOLD");
        run.Stdout.ShouldContain("no data: the query returned no series");
    }

    [Fact]
    public async Task Watch_MetricsSourceDown_ErrorsThenFailsOnlyAtTheErrorLimit()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("greenlight.yaml", Spec("gl_up").Replace(prometheus.Url, "http://127.0.0.1:9", StringComparison.Ordinal) + "\n");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("  consecutive_failure_limit: 2", "  consecutive_failure_limit: 2\n  consecutive_error_limit: 3", StringComparison.Ordinal));

        var run = await CliHarness.RunAsync("watch", "-f", spec, "--every", "1s", "--for", "5s", "--no-store");

        run.ExitCode.ShouldBe(ExitCodes.NoGo, run.All);
        run.Stdout.ShouldContain("3 errors in a row (consecutive_error_limit 3)");
    }
}
