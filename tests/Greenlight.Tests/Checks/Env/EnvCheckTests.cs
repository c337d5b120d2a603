using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Env;

public class EnvCheckTests
{
    private const string Spec = """
        version: 1
        name: mosaic
        checks:
          - id: env.keys
            kind: env
            require: [DATABASE_URL, CLAUDE_API_KEY, OPENAI_API_KEY]
            optional: [ANTHROPIC_API_KEY]
            match: { OPENAI_API_KEY: '^sk-' }
            severity: critical
        """;

    [Fact]
    public async Task Observe_AllPresent_PassesWithoutShowingValues()
    {
        var report = await SpecHarness.RunAsync(Spec, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://app:pw-0123456789@db/app",
            ["CLAUDE_API_KEY"] = "sk-ant-claude-000111",
            ["OPENAI_API_KEY"] = "sk-openai-000222333",
            ["ANTHROPIC_API_KEY"] = "sk-ant-other-444555",
        });

        var result = report.Result("env.keys");
        result.Outcome.ShouldBe(CheckOutcome.Pass);
        report.Verdict.ShouldBe(Verdict.Go);
        var everything = string.Join("\n", result.Assertions.Select(a => a.Actual)) + string.Join("\n", result.Evidence.Select(e => e.Content));
        everything.ShouldNotContain("sk-openai-000222333");
        everything.ShouldNotContain("sk-ant-claude-000111");
        everything.ShouldNotContain("pw-0123456789");
        result.Assertions.Last().Actual.ShouldBe("matches (value hidden, 19 chars)");
    }

    [Fact]
    public async Task Observe_MissingRequired_FailsCritical()
    {
        var report = await SpecHarness.RunAsync(Spec, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "sqlite:app.db",
            ["OPENAI_API_KEY"] = "sk-openai-000222333",
            ["CLAUDE_API_KEY"] = "",
        });

        var result = report.Result("env.keys");
        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message.ShouldBe("CLAUDE_API_KEY is set: actual empty (in environment)");
        report.Verdict.ShouldBe(Verdict.NoGo);
    }

    [Fact]
    public async Task Observe_OptionalMissing_IsAWarning()
    {
        var report = await SpecHarness.RunAsync(Spec, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "sqlite:app.db",
            ["CLAUDE_API_KEY"] = "sk-ant-claude-000111",
            ["OPENAI_API_KEY"] = "sk-openai-000222333",
        });

        report.Result("env.keys").Outcome.ShouldBe(CheckOutcome.Pass);
        report.Result("env.keys").Warnings.ShouldBe(["optional variable ANTHROPIC_API_KEY is missing"]);
        report.Verdict.ShouldBe(Verdict.GoWithWarnings);
    }

    [Fact]
    public async Task Observe_WrongShape_FailsWithoutTheValue()
    {
        var report = await SpecHarness.RunAsync(Spec, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "sqlite:app.db",
            ["CLAUDE_API_KEY"] = "sk-ant-claude-000111",
            ["OPENAI_API_KEY"] = "pk-live-wrong-kind-999",
        });

        report.Result("env.keys").Message.ShouldBe("OPENAI_API_KEY matches /^sk-/: actual does not match (value hidden, 22 chars)");
    }
}
