using Greenlight.Assertions;
using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Assertions;

/// <summary>Issue 8 item 11: every user regular expression runs with a match timeout; a catastrophic one is an error naming it.</summary>
public class RegexTimeoutTests
{
    // (a+)+$ against many a's followed by a character that is not an a backtracks exponentially.
    private static readonly string Catastrophic = new string('a', 40) + "!";

    [Fact]
    public void Evaluate_Issue8_CatastrophicPattern_CouldNotBeDecidedAndNamesThePattern()
    {
        var assertion = AssertionParser.Parse("body matches /^(a+)+$/");

        var result = AssertionEvaluator.Evaluate(assertion, new Subjects(Catastrophic), s => s);

        result.Passed.ShouldBeFalse();
        result.CouldNotEvaluate.ShouldBeTrue();
        result.Note.ShouldNotBeNull().ShouldContain("/^(a+)+$/ took longer than 1s");
    }

    [Fact]
    public async Task Run_Issue8_CatastrophicPatternInExpect_IsAnErrorNotAFail()
    {
        var report = await SpecHarness.RunAsync($$"""
            version: 1
            name: regex
            checks:
              - id: out
                kind: command
                run: printf '{{Catastrophic}}'
                expect: ["stdout matches /^(a+)+$/"]
            """);

        var result = report.Result("out");
        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message.ShouldNotBeNull().ShouldContain("the regular expression /^(a+)+$/ took longer than 1s");
    }

    [Fact]
    public async Task Run_Issue8_CatastrophicEnvMatch_IsAnErrorThatHidesTheValue()
    {
        var report = await SpecHarness.RunAsync("""
            version: 1
            name: regex
            checks:
              - id: shape
                kind: env
                match: { SHAPED_VALUE: '^(a+)+$' }
            """, new Dictionary<string, string> { ["SHAPED_VALUE"] = Catastrophic });

        var result = report.Result("shape");
        result.Outcome.ShouldBe(CheckOutcome.Error);
        result.Message.ShouldNotBeNull().ShouldContain("/^(a+)+$/ took longer than 1s on a value of 41 characters");
        string.Join("\n", result.Evidence.Select(e => e.Content)).ShouldNotContain(Catastrophic);
        result.Message.ShouldNotContain(Catastrophic);
    }

    private sealed class Subjects(string body) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => AssertionValue.FromString(body);
    }
}
