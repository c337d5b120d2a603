using Greenlight.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Cli;

/// <summary>The CI formats and <c>--env</c> through the real greenlight process, as a CI job runs it.</summary>
public class CiFormatsCliTests
{
    private const string Spec = """
        version: 1
        name: ci
        vars:
          EXPECTED: local
        environments:
          staging:
            vars: { EXPECTED: staging }
          production:
            vars: { EXPECTED: production }
        checks:
          - id: stage
            kind: command
            run: "echo staging"
            expect: ['stdout contains "${EXPECTED}"']
            fix: Run it with --env staging.
          - id: tools
            kind: command
            run: "true"
        """;

    private static Dictionary<string, string> Env(params (string Name, string Value)[] extra)
    {
        var env = new Dictionary<string, string> { ["NO_COLOR"] = "1" };
        foreach (var (name, value) in extra)
        {
            env[name] = value;
        }

        return env;
    }

    [Fact]
    public async Task Check_FormatGithubInProduction_ErrorAnnotationAtTheCheckLineAndSummaryFile()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);
        var summary = Path.Combine(dir.Path, "summary.md");

        var run = await CliHarness.RunProcessAsync(dir.Path, Env(("GITHUB_STEP_SUMMARY", summary)), "check", "--env", "production", "--format", "github", "--no-store");

        run.ExitCode.ShouldBe(1, run.All);
        var commands = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(WorkflowCommandParser.Parse).ToList();
        commands.ShouldAllBe(c => c != null, run.Stdout);
        var stage = commands.First(c => c!.Properties["title"].StartsWith("stage ", StringComparison.Ordinal))!;
        stage.Name.ShouldBe("error");
        stage.Properties["file"].ShouldBe("greenlight.yaml");
        stage.Properties["line"].ShouldBe("11");
        stage.Message.ShouldContain("stdout contains \"${EXPECTED}\": actual \"staging\\n\"");
        stage.Message.ShouldContain("Fix: Run it with --env staging.");
        commands[^1]!.Message.ShouldStartWith("ci [production], phase all:");
        (await File.ReadAllTextAsync(summary)).ShouldContain("· environment `production`");
        run.Stderr.ShouldContain("NO-GO");
    }

    [Fact]
    public async Task Check_EnvStagingStored_ReportAndHistoryCarryTheEnvironment()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);
        var store = Path.Combine(dir.Path, "runs.db");

        var run = await CliHarness.RunProcessAsync(dir.Path, Env(), "check", "--env", "staging", "--format", "json", "--store", store);
        var report = await CliHarness.RunProcessAsync(dir.Path, Env(), "report", "last", "--format", "gitlab-codequality", "--store", store);
        var junit = await CliHarness.RunProcessAsync(dir.Path, Env(), "report", "last", "--format", "junit", "--store", store);
        var history = await CliHarness.RunProcessAsync(dir.Path, Env(), "history", "--store", store);

        run.ExitCode.ShouldBe(0, run.All);
        JObject.Parse(run.Stdout)["environment"]!.Value<string>().ShouldBe("staging");
        report.ExitCode.ShouldBe(0, report.All);
        JArray.Parse(report.Stdout).ShouldBeEmpty();
        junit.Stdout.ShouldContain("<property name=\"environment\" value=\"staging\" />");
        history.ExitCode.ShouldBe(0, history.All);
        history.Stdout.ShouldContain("all (staging)");
    }

    [Fact]
    public async Task Validate_UnknownEnv_Exit2WithLineAndColumn()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);

        var run = await CliHarness.RunProcessAsync(dir.Path, Env(), "validate", "--env", "prod");

        run.ExitCode.ShouldBe(2, run.All);
        run.All.ShouldContain("greenlight.yaml:6:3");
        run.All.ShouldContain("--env prod: no environment `prod` in `environments` (the spec has staging, production)");
    }

    [Fact]
    public async Task Check_FormatGitlabCodequality_FindingAtTheCheckLine()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec);

        var run = await CliHarness.RunProcessAsync(dir.Path, Env(), "check", "--format", "gitlab-codequality", "--no-store");

        run.ExitCode.ShouldBe(1, run.All);
        var finding = JArray.Parse(run.Stdout).ShouldHaveSingleItem();
        finding["severity"]!.Value<string>().ShouldBe("critical");
        finding["location"]!["path"]!.Value<string>().ShouldBe("greenlight.yaml");
        finding["location"]!["lines"]!["begin"]!.Value<int>().ShouldBe(11);
    }
}
