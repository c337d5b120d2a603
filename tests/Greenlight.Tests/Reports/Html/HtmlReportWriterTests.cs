using System.Text;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Reports.Html;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Reports.Html;

public class HtmlReportWriterTests
{
    // The sample run against an earlier one where api.health and db.backup passed, tool.alembic was fast and env.keys failed.
    private static ReleaseReview SampleReview()
    {
        var current = SampleReport.Build();
        var previous = current with
        {
            RunId = "0196f1c1000000000000000000000000",
            StartedAt = current.StartedAt.AddHours(-1),
            FinishedAt = current.StartedAt.AddHours(-1).AddMilliseconds(500),
            Verdict = Verdict.NoGo,
            Results = [.. current.Results.Select(r => r.Id switch
            {
                "api.health" or "db.backup" or "api.chat" => r with { Outcome = CheckOutcome.Pass, Message = null },
                "env.keys" => r with { Outcome = CheckOutcome.Fail },
                "tool.alembic" => r with { DurationMs = 120, Attempts = 1 },
                _ => r,
            })],
        };
        var earlier = new Dictionary<string, IReadOnlyList<CheckOutcome>> { ["env.keys"] = [CheckOutcome.Fail, CheckOutcome.Pass] };
        return new ReleaseReview { Report = current, Comparison = ReleaseReviewBuilder.Compare(previous, current, earlier, 3) };
    }

    [Fact]
    public void Compare_SampleAgainstEarlier_FindsEachKindOfChange()
    {
        var cmp = SampleReview().Comparison!;

        cmp.NewFailures.Select(c => c.Id).ShouldBe(["api.health", "api.chat", "db.backup"]);
        cmp.Fixed.Select(c => c.Id).ShouldBe(["env.keys"]);
        cmp.Flaky.Select(c => c.Id).ShouldBe(["env.keys", "tool.alembic"]);
        cmp.Flaky[0].Note.ShouldBe("changed between pass and not-pass 2 times in the last 3 runs");
        cmp.Slower.Select(c => c.Id).ShouldBe(["tool.alembic"]);
        cmp.Slower[0].Note.ShouldBe("120ms → 310ms (+158 %)");
    }

    [Fact]
    public void Compare_TinyOrSmallSlowdowns_AreNotSlower()
    {
        var current = SampleReport.Build();
        var previous = current with { Results = [.. current.Results.Select(r => r with { DurationMs = r.Id == "env.keys" ? 0 : (long)(r.DurationMs / 1.19) })] };

        ReleaseReviewBuilder.Compare(previous, current, new Dictionary<string, IReadOnlyList<CheckOutcome>>(), 2).Slower.ShouldBeEmpty();
    }

    [Fact]
    public void Render_SampleReview_MatchesSnapshot()
    {
        var html = HtmlReportWriter.Render(SampleReview());

        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldNotContain(" src=\"", customMessage: "nothing is fetched");
        html.ShouldNotContain("href=\"http", customMessage: "nothing is linked outside the page");
        Snapshot.Match("report-html", html);
    }

    [Fact]
    public async Task Write_ThroughTheRegistry_SaysThereIsNoComparison()
    {
        await using var stream = new MemoryStream();
        await ReportWriters.Find("html")!.WriteAsync(SampleReport.Build(), stream, CancellationToken.None);
        var html = Encoding.UTF8.GetString(stream.ToArray());

        html.ShouldContain(HtmlReportWriter.NoStoreReason);
        html.ShouldContain("<h1 id=\"verdict\"><span aria-hidden=\"true\">✗</span> NO-GO</h1>");
    }

    [Fact]
    public void Render_LongEvidence_IsCutWithItsFullSize()
    {
        var report = SampleReport.Build();
        var big = new string('x', HtmlReportWriter.EvidenceLimit + 10);
        report = report with { Results = [report.Results[0] with { Evidence = [new Greenlight.Checks.EvidenceItem("output", big), new Greenlight.Checks.EvidenceItem("body", "abc", 2_000_000)] }] };

        var html = HtmlReportWriter.Render(ReleaseReview.Alone(report, "none"));

        html.ShouldContain($"Evidence: output <span class=\"cut\">(first {HtmlReportWriter.EvidenceLimit} of {HtmlReportWriter.EvidenceLimit + 10} characters)</span>");
        html.ShouldContain("Evidence: body <span class=\"cut\">(first 3 of 2000000 characters)</span>");
        html.ShouldNotContain(big);
    }
}
