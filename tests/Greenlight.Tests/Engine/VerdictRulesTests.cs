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

    private static CheckResult Named(string id, string severity, CheckOutcome outcome, params string[] blockedBy) =>
        R(severity, outcome, forNeed: blockedBy.Length > 0) with { Id = id, BlockedBy = blockedBy, Message = blockedBy.Length > 0 ? $"needs {blockedBy[0]}" : null };

    [Fact]
    public void Decide_Issue9_SkippedDependantsAreGroupedUnderTheirCause()
    {
        var (verdict, reasons, _) = VerdictRules.Decide(
        [
            Named("api.health", "high", CheckOutcome.Fail) with { Message = "status == 200: actual 503" },
            Named("api.chat", "high", CheckOutcome.Skipped, "api.health"),
            Named("api.chat.history", "medium", CheckOutcome.Skipped, "api.chat"),
        ], interrupted: false);

        verdict.ShouldBe(Verdict.NoGo);
        reasons.ShouldBe(["api.health (high) failed: status == 200: actual 503; 2 checks that need it were not verified: api.chat, api.chat.history"]);
    }

    [Fact]
    public void Decide_Issue9_ACriticalDependantOfALowCheckStillBlocks()
    {
        var (verdict, reasons, notes) = VerdictRules.Decide([Named("lint", "low", CheckOutcome.Fail), Named("deploy", "critical", CheckOutcome.Skipped, "lint")], false);

        verdict.ShouldBe(Verdict.NoGo);
        reasons.ShouldHaveSingleItem().ShouldBe("lint (low) failed; 1 check that needs it was not verified: deploy");
        notes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Skipped")]
    [InlineData("Error")]
    [InlineData("Pending")]
    [InlineData("Fail")]
    public void IsRegression_Issue9_PassToAnythingUnverified(string outcome)
    {
        var before = R("high", CheckOutcome.Pass);
        var after = R("high", Enum.Parse<CheckOutcome>(outcome));

        VerdictRules.IsRegression(before, after).ShouldBeTrue();
        VerdictRules.IsRegression(after, after).ShouldBeFalse();
        VerdictRules.ImpactOf(after).ShouldBe(Impact.Blocks);
    }

    [Fact]
    public void ImpactOf_Issue9_APassWithAWarningWarns()
    {
        var warned = R("high", CheckOutcome.Pass, false, "optional variable X is missing");

        VerdictRules.ImpactOf(warned).ShouldBe(Impact.Warning);
        warned.Warned.ShouldBeTrue();
    }
}
