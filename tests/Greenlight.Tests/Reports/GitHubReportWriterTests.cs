using System.Text;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Reports;

public class GitHubReportWriterTests
{
    /// <summary>The sample report as a run of greenlight.yaml in staging, each check at its line.</summary>
    internal static RunReport Located()
    {
        var report = SampleReport.Build();
        return report with
        {
            Environment = "staging",
            Results = [.. report.Results.Select((r, i) => r with { SpecLine = 10 + (i * 8), SpecColumn = 5 })],
        };
    }

    private static async Task<string> WriteAsync(RunReport report, Dictionary<string, string>? environment = null)
    {
        var env = environment ?? [];
        await using var stream = new MemoryStream();
        await new GitHubReportWriter(name => env.GetValueOrDefault(name)).WriteAsync(report, stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<WorkflowCommandParser.Parsed> Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parsed = lines.Select(WorkflowCommandParser.Parse).ToList();
        parsed.ShouldAllBe(p => p != null, "every line is a workflow command the runner reads");
        return [.. parsed.OfType<WorkflowCommandParser.Parsed>()];
    }

    [Fact]
    public async Task Write_Sample_MatchesSnapshot()
    {
        Snapshot.Match("report-github", await WriteAsync(Located()));
    }

    [Fact]
    public async Task Write_ParsedAsTheRunnerDoes_OneAnnotationPerCheckThatMattersAtItsSpecLine()
    {
        var commands = Parse(await WriteAsync(Located()));

        // api.health blocks (high, failed); db.backup is medium (a warning); env.keys passed with a warning;
        // api.chat was skipped for api.health and is left to it; tool.alembic passed. Then the verdict.
        commands.Select(c => (c.Name, c.Properties.GetValueOrDefault("title")?.Split(' ')[0])).ShouldBe(
        [
            ("warning", "env.keys"), ("error", "api.health"), ("warning", "db.backup"), ("error", "greenlight:"),
        ]);
        var health = commands[1];
        health.Properties["file"].ShouldBe("greenlight.yaml");
        health.Properties["line"].ShouldBe("18");
        health.Properties["col"].ShouldBe("5");
        health.Properties["title"].ShouldBe("api.health (high): failed");
        health.Message.ShouldBe("Health answers and config is loaded\nstatus == 200: actual 503\njson.$.config_loaded == true: actual false\nFix: Check that OPENAI_API_KEY is set on the host and restart the service.");
        commands[^1].Properties["title"].ShouldBe("greenlight: NO-GO");
        commands[^1].Message.ShouldStartWith("mosaic-api [staging], phase all: 2 passed, 1 failed, 1 errors, 1 skipped, 0 pending");
    }

    [Fact]
    public async Task Write_TextWithEveryEscapedCharacter_RoundTripsThroughTheRunnersParser()
    {
        var report = Located();
        var tricky = report.Results[1] with { Id = "api.health", Title = "100% up: really, yes\r\nsecond line", Message = "a:b,c%d\nnext" };
        var commands = Parse(await WriteAsync(report with { Results = [tricky] }));

        commands[0].Message.ShouldStartWith("100% up: really, yes\r\nsecond line\na:b,c%d\nnext\n");
        var source = report with { SpecPath = "deploy,prod:eu/greenlight.yaml", Results = [tricky] };
        Parse(await WriteAsync(source))[0].Properties["file"].ShouldBe("deploy,prod:eu/greenlight.yaml");
    }

    [Fact]
    public async Task Write_ImportedCheck_PointsAtItsChecklistLineBesideTheSpec()
    {
        var report = Located();
        var imported = report.Results[1] with { Source = "CHECKLIST.md:42" };
        var commands = Parse(await WriteAsync(report with { SpecPath = "deploy/greenlight.yaml", Results = [imported] }));

        commands[0].Properties["file"].ShouldBe("deploy/CHECKLIST.md");
        commands[0].Properties["line"].ShouldBe("42");
        commands[0].Properties.ContainsKey("col").ShouldBeFalse();
        commands[0].Message.ShouldEndWith("Check `api.health` is at deploy/greenlight.yaml:18.");
    }

    [Fact]
    public async Task Write_AbsoluteSpecPathUnderTheWorkspace_IsMadeRelativeToIt()
    {
        var report = Located() with { SpecPath = "/home/runner/checkout/app/ops/greenlight.yaml" };

        var commands = Parse(await WriteAsync(report, new() { ["GITHUB_WORKSPACE"] = "/home/runner/checkout/app" }));

        commands.ShouldAllBe(c => c.Properties["file"] == "ops/greenlight.yaml");
    }

    [Fact]
    public async Task Write_StepSummarySet_AppendsTheMarkdownSummaryAfterWhatIsThere()
    {
        using var dir = new TempDirectory();
        var summary = dir.Write("summary.md", "## Earlier step\n\n");

        var text = await WriteAsync(Located(), new() { ["GITHUB_STEP_SUMMARY"] = summary });

        var written = await File.ReadAllTextAsync(summary);
        written.ShouldStartWith("## Earlier step\n\n## Greenlight: NO-GO\n");
        written.ShouldContain("phase `all` · environment `staging`");
        written.ShouldContain("| `api.health` | high | fail | greenlight.yaml:18 | status == 200: actual 503 | Check that OPENAI_API_KEY is set on the host and restart the service. |");
        written.ShouldNotContain("tool.alembic");
        text.ShouldNotContain("## Greenlight", customMessage: "the summary goes to its file, not to stdout");
        Snapshot.Match("report-github-summary", written);
    }

    [Fact]
    public async Task Write_StepSummaryUnset_WritesOnlyTheCommands()
    {
        var text = await WriteAsync(Located());

        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(l => l.StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Escape_SameBytesAsTheActionsToolkit()
    {
        // The real @actions/core writes the same command for the same text.
        var core = Path.Combine(NodeTools.Require("@actions/core"), "lib", "core.js");
        using var dir = new TempDirectory();
        var title = "x: y, 100%\r\nz";
        var message = "l1\r\nl2 50% a:b,c";
        var file = "a,b:c%.yaml";
        var script = dir.Write("emit.mjs", $$"""
            import * as core from {{System.Text.Json.JsonSerializer.Serialize(new Uri(core).AbsoluteUri)}};
            core.error({{System.Text.Json.JsonSerializer.Serialize(message)}}, { title: {{System.Text.Json.JsonSerializer.Serialize(title)}}, file: {{System.Text.Json.JsonSerializer.Serialize(file)}}, startLine: 12, startColumn: 5 });
            """);

        var (exit, stdout, stderr) = await NodeTools.RunAsync(script, dir.Path);

        exit.ShouldBe(0, stderr);
        var ours = new WorkflowCommand("error", [("title", title), ("file", file), ("line", "12"), ("col", "5")], message).ToString();
        stdout.TrimEnd('\n').ShouldBe(ours);
    }
}
