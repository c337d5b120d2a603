using System.Text;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Greenlight.Waivers;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Waivers;

public class WaiverSetTests
{
    private const string Spec = """
        version: 1
        name: waived
        checks:
          - id: api.slow
            kind: command
            argv: [sh, -c, "exit 3"]
            severity: high
            source: RUNBOOK.md:12
          - id: ok
            kind: command
            argv: ["true"]
        """;

    private const string Waivers = """
        api.slow:
          justification: known slow endpoint, fixed in sprint 12
          expires: 2026-12-31
        """;

    private static async Task<RunReport> RunAsync(string waivers, DateTimeOffset now)
    {
        var spec = SpecHarness.Load(Spec);
        var set = WaiverSet.Parse(waivers, "waivers.yaml", spec);
        return await new RunEngine(spec, new RunOptions { Waivers = set, Time = new FrozenClock(now) }).RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Apply_BeforeExpiry_FailureDoesNotBlockAndIsShownInEveryReport()
    {
        var report = await RunAsync(Waivers, new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero));

        report.Verdict.ShouldBe(Verdict.Go);
        var result = report.Result("api.slow");
        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.IsWaived.ShouldBeTrue();
        report.Counts.ShouldBe(new OutcomeCounts(1, 0, 0, 0, 0, 1));
        report.Notes.ShouldContain(n => n.Contains("waived until 2026-12-31: known slow endpoint, fixed in sprint 12", StringComparison.Ordinal));
        result.Evidence.ShouldContain(e => e.Name == "waiver" && e.Content.StartsWith("waived until 2026-12-31", StringComparison.Ordinal));
        foreach (var format in ReportWriters.Formats)
        {
            await using var stream = new MemoryStream();
            await ReportWriters.Find(format)!.WriteAsync(report, stream, CancellationToken.None);
            Encoding.UTF8.GetString(stream.ToArray()).ShouldContain("waived until 2026-12-31: known slow endpoint, fixed in sprint 12", customMessage: format);
        }
    }

    [Fact]
    public async Task Apply_AfterExpiry_FailureCountsAgainWithAWarning()
    {
        var report = await RunAsync(Waivers, new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero));

        report.Verdict.ShouldBe(Verdict.NoGo);
        var result = report.Result("api.slow");
        result.IsWaived.ShouldBeFalse();
        result.Waiver!.Expired.ShouldBeTrue();
        result.Warnings.ShouldContain(w => w.StartsWith("waiver expired on 2026-12-31", StringComparison.Ordinal));
        report.Counts.ShouldBe(new OutcomeCounts(1, 1, 0, 0, 0, 0));
    }

    [Fact]
    public async Task Apply_ExpiredWaiverOnAPassingCheck_IsAWarning()
    {
        var report = await RunAsync("ok:\n  justification: old\n  expires: 2020-01-01\napi.slow:\n  justification: x\n  expires: 2030-01-01\n", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        report.Verdict.ShouldBe(Verdict.GoWithWarnings);
        report.Reasons.ShouldContain(r => r.Contains("waiver expired on 2020-01-01: old", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotRun_RunFalse_CheckIsNotRunAndCountsAsWaived()
    {
        var report = await RunAsync("api.slow:\n  justification: endpoint removed next week\n  expires: 2026-12-31\n  run: false\n", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var result = report.Result("api.slow");
        result.Outcome.ShouldBe(CheckOutcome.Skipped);
        result.Attempts.ShouldBe(0);
        result.Message.ShouldBe("not run: waived");
        result.Source.ShouldBe("RUNBOOK.md:12");  // a check not run still points back at the team's document and the spec
        result.SpecLine.ShouldBe(4);
        report.Verdict.ShouldBe(Verdict.Go);
        report.Counts.Waived.ShouldBe(1);
    }

    [Theory]
    [InlineData("api.slwo:\n  justification: x\n  expires: 2026-12-31\n", "waivers.yaml:1:1", "did you mean `api.slow`?")]
    [InlineData("api.slow:\n  justification: x\n  expires: next year\n", "waivers.yaml:3:12", "expected a date such as 2026-12-31")]
    [InlineData("api.slow:\n  expires: 2026-12-31\n", "waivers.yaml:2:3", "missing required field `justification`")]
    [InlineData("api.slow:\n  justification: x\n  expires: 2026-12-31\n  runs: false\n", "waivers.yaml:4:3", "unknown field `runs`")]
    public void Parse_BadWaiver_IsALoadErrorWithItsPosition(string yaml, string location, string message)
    {
        var spec = SpecHarness.Load(Spec);
        var ex = Should.Throw<SpecException>(() => WaiverSet.Parse(yaml, "waivers.yaml", spec));
        var error = ex.Errors.ShouldHaveSingleItem();
        $"{error.Location.File}:{error.Location.Line}:{error.Location.Column}".ShouldBe(location);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Parse_TheDocsExample_Loads()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "waivers.md"));
        var yaml = System.Text.RegularExpressions.Regex.Match(docs, "```yaml waivers.yaml\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var spec = SpecHarness.Load("version: 1\nname: d\nchecks:\n  - { id: db.query-latency, kind: command, run: \"true\" }\n  - { id: legacy.routes, kind: command, run: \"true\" }\n");

        var set = WaiverSet.Parse(yaml, "docs/waivers.md", spec);

        set.All.Count.ShouldBe(2);
        set.Find("legacy.routes")!.Run.ShouldBeFalse();
    }
}
