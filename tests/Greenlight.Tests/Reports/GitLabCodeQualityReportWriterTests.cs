using System.Text;
using System.Xml.Linq;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Reports;

public class GitLabCodeQualityReportWriterTests
{
    private static readonly string[] GitLabSeverities = ["info", "minor", "major", "critical", "blocker"];

    private static async Task<string> WriteAsync(IReportWriter writer, RunReport report)
    {
        await using var stream = new MemoryStream();
        await writer.WriteAsync(report, stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Write_Sample_IsGitLabsCodeQualityArray()
    {
        var text = await WriteAsync(new GitLabCodeQualityReportWriter(_ => null), GitHubReportWriterTests.Located());
        var findings = JArray.Parse(text);

        // The fields GitLab requires, of the types it requires, for each finding.
        findings.Count.ShouldBe(3);
        foreach (var finding in findings.Cast<JObject>())
        {
            finding.Properties().Select(p => p.Name).ShouldBe(["description", "check_name", "fingerprint", "severity", "location"]);
            finding["description"]!.Type.ShouldBe(JTokenType.String);
            finding["fingerprint"]!.Value<string>()!.Length.ShouldBe(64);
            GitLabSeverities.ShouldContain(finding["severity"]!.Value<string>());
            finding["location"]!["path"]!.Value<string>().ShouldBe("greenlight.yaml");
            finding["location"]!["lines"]!["begin"]!.Value<int>().ShouldBeGreaterThanOrEqualTo(1);
        }

        findings.Select(f => f["fingerprint"]!.Value<string>()).Distinct().Count().ShouldBe(3);
        var health = findings.Single(f => f["description"]!.Value<string>()!.StartsWith("api.health", StringComparison.Ordinal));
        health["severity"]!.Value<string>().ShouldBe("critical");
        health["check_name"]!.Value<string>().ShouldBe("greenlight.http");
        health["location"]!["lines"]!["begin"]!.Value<int>().ShouldBe(18);
        Snapshot.Match("report-gitlab-codequality", text);
    }

    [Fact]
    public async Task Fingerprint_SameCheckWithOtherActualValues_IsTheSame()
    {
        var report = GitHubReportWriterTests.Located();
        var other = report with { Results = [.. report.Results.Select(r => r with { Message = r.Message + " (again)" })] };
        var writer = new GitLabCodeQualityReportWriter(_ => null);

        var first = JArray.Parse(await WriteAsync(writer, report)).Select(f => f["fingerprint"]!.Value<string>());
        var second = JArray.Parse(await WriteAsync(writer, other)).Select(f => f["fingerprint"]!.Value<string>());

        second.ShouldBe(first);
    }

    [Fact]
    public async Task Write_AllPassed_EmptyArray()
    {
        var report = GitHubReportWriterTests.Located();
        var passed = report with { Results = [report.Results[4]] };

        (await WriteAsync(new GitLabCodeQualityReportWriter(_ => null), passed)).Trim().ShouldBe("[]");
    }

    /// <summary>
    /// Reads the JUnit report as GitLab's parser (lib/gitlab/ci/parsers/test/junit.rb) does: every
    /// testcase under testsuites/testsuite, its status from a failure, error or skipped child (else
    /// success), name, classname, file and a numeric time; the child's text as the details.
    /// </summary>
    [Fact]
    public async Task JUnit_ReadAsGitLabDoes_StatusesNamesFileAndTimes()
    {
        var text = await WriteAsync(new JUnitReportWriter(), GitHubReportWriterTests.Located());
        var doc = XDocument.Parse(text);

        doc.Root!.Name.LocalName.ShouldBe("testsuites");
        var cases = doc.Root.Elements("testsuite").SelectMany(s => s.Elements("testcase")).Select(c => new
        {
            Name = c.Attribute("name")?.Value,
            ClassName = c.Attribute("classname")?.Value,
            File = c.Attribute("file")?.Value,
            Time = double.Parse(c.Attribute("time")!.Value, System.Globalization.CultureInfo.InvariantCulture),
            Status = c.Element("failure") is not null ? "failed" : c.Element("error") is not null ? "error" : c.Element("skipped") is not null ? "skipped" : "success",
            Details = (c.Element("failure") ?? c.Element("error"))?.Value,
        }).ToList();

        cases.Select(c => c.Status).ShouldBe(["success", "failed", "skipped", "error", "success"]);
        cases.ShouldAllBe(c => c.Name != null && c.ClassName != null && c.File == "greenlight.yaml" && c.Time >= 0);
        cases[1].Details!.ShouldContain("Fix: Check that OPENAI_API_KEY is set");
        doc.Root.Element("testsuite")!.Attribute("name")!.Value.ShouldBe("mosaic-api (all, staging)");
        doc.Descendants("property").ShouldContain(p => p.Attribute("name")!.Value == "environment" && p.Attribute("value")!.Value == "staging");
    }
}
