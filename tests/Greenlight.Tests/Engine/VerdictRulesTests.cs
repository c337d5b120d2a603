using Greenlight.Engine;
using Greenlight.Spec;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Engine;

public class VerdictRulesTests
{
    private static CheckResult R(string severity, CheckOutcome outcome, bool forNeed = false, params string[] warnings) => new()
    {
        Id = $"{severity}.{outcome}",
        Kind = "env",
        Phase = Phase.Pre,
        Severity = Enum.Parse<Severity>(severity, ignoreCase: true),
        Outcome = outcome,
        SkippedForNeed = forNeed,
        Warnings = warnings,
    };

    [Theory]
    [InlineData("critical", "Fail", "NoGo")]
    [InlineData("high", "Error", "NoGo")]
    [InlineData("high", "Pending", "NoGo")]
    [InlineData("medium", "Fail", "GoWithWarnings")]
    [InlineData("low", "Fail", "Go")]
    [InlineData("high", "Pass", "Go")]
    public void Decide_BySeverityAndOutcome(string severity, string outcome, string verdict)
    {
        VerdictRules.Decide([R(severity, Enum.Parse<CheckOutcome>(outcome))], interrupted: false).Verdict.ToString().ShouldBe(verdict);
    }

    [Fact]
    public void Decide_HighCheckSkippedBecauseANeedFailed_IsNoGo()
    {
        VerdictRules.Decide([R("medium", CheckOutcome.Fail), R("high", CheckOutcome.Skipped, forNeed: true)], false).Verdict.ShouldBe(Verdict.NoGo);
    }

    [Fact]
    public void Decide_Warning_IsGoWithWarnings()
    {
        VerdictRules.Decide([R("critical", CheckOutcome.Pass, false, "optional variable X is missing")], false).Verdict.ShouldBe(Verdict.GoWithWarnings);
    }

    [Fact]
    public void Decide_LowFailure_IsANote()
    {
        var (verdict, _, notes) = VerdictRules.Decide([R("low", CheckOutcome.Fail)], false);
        verdict.ShouldBe(Verdict.Go);
        notes.ShouldHaveSingleItem().ShouldStartWith("low.Fail (low) failed");
    }

    [Fact]
    public void Decide_Interrupted_IsNoGo()
    {
        VerdictRules.Decide([R("high", CheckOutcome.Pass)], interrupted: true).Verdict.ShouldBe(Verdict.NoGo);
    }
}
