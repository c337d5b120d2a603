using System.Text;
using System.Xml.Linq;
using Greenlight.Cli.Rendering;
using Greenlight.Reports;
using Greenlight.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Shouldly;
using Spectre.Console;
using Xunit;

namespace Greenlight.Tests.Reports;

public class ReportWriterTests
{
    private static async Task<string> WriteAsync(string format)
    {
        await using var stream = new MemoryStream();
        await ReportWriters.Find(format)!.WriteAsync(SampleReport.Build(), stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Json_FollowsTheContract()
    {
        var text = await WriteAsync("json");
        var json = JObject.Parse(text);

        json["schema"]!.Value<string>().ShouldBe("greenlight.report/v1");
        json["verdict"]!.Value<string>().ShouldBe("no_go");
        json["duration_ms"]!.Value<long>().ShouldBe(812);
        json["counts"]!.ToString(Newtonsoft.Json.Formatting.None).ShouldBe("{\"pass\":2,\"fail\":1,\"error\":1,\"skipped\":1,\"pending\":0,\"waived\":0}");
        var health = json["results"]![1]!;
        health["outcome"]!.Value<string>().ShouldBe("fail");
        health["attempts"]!.Value<int>().ShouldBe(3);
        health["assertions"]![0]!["actual"]!.Type.ShouldBe(JTokenType.Integer);
        health["assertions"]![0]!["actual"]!.Value<int>().ShouldBe(503);
        health["assertions"]![1]!["actual"]!.Type.ShouldBe(JTokenType.Boolean);
        health["assertions"]![2]!["actual"]!.Value<string>().ShouldBe("41ms");
        json["results"]![4]!["flaky"]!.Value<bool>().ShouldBeTrue();
        Snapshot.Match("report-json", text);
    }

    [Fact]
    public async Task Markdown_ReadsLikeAReleaseReview()
    {
        var text = await WriteAsync("md");

        text.ShouldStartWith("# Release review: mosaic-api\n\n**Verdict: 🔴 NO-GO**");
        text.IndexOf("## Why NO-GO", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("## Failures", StringComparison.Ordinal));
        text.ShouldContain("**Fix:** Check that OPENAI_API_KEY is set on the host and restart the service.");
        text.ShouldContain("<details><summary>Evidence: response</summary>");
        Snapshot.Match("report-md", text);
    }

    [Fact]
    public async Task JUnit_HasOneTestcasePerCheck()
    {
        var text = await WriteAsync("junit");
        var doc = XDocument.Parse(text);

        var cases = doc.Descendants("testcase").ToList();
        cases.Count.ShouldBe(5);
        doc.Root!.Attribute("failures")!.Value.ShouldBe("1");
        doc.Root.Attribute("errors")!.Value.ShouldBe("1");
        cases[1].Element("failure")!.Attribute("message")!.Value.ShouldBe("status == 200: actual 503");
        cases[2].Element("skipped").ShouldNotBeNull();
        cases[3].Element("error").ShouldNotBeNull();
        Snapshot.Match("report-junit", text);
    }

    [Fact]
    public void ConsoleSummary_FailuresFirstWithFixAndVerdict()
    {
        var writer = new StringWriter();
        var console = ConsoleFactory.Create(writer, noColor: true);

        SummaryRenderer.Render(console, SampleReport.Build(), exitCode: 1);

        var text = writer.ToString();
        text.IndexOf("db.backup", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("env.keys", StringComparison.Ordinal));
        text.ShouldContain("flaky: passed on attempt 2");
        Snapshot.Match("console-summary", text);
    }
}
