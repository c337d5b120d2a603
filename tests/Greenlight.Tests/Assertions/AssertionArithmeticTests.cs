using Greenlight.Assertions;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Assertions;

/// <summary>Issue 12 item 7: arithmetic on numbers, durations and sizes, and baseline(SUBJECT), in the value of a comparison.</summary>
public sealed class AssertionArithmeticTests
{
    private static readonly SubjectCatalog Catalog = new(
    [
        new("value", ValueKind.Number, ""),
        new("body", ValueKind.String, ""),
        new("duration", ValueKind.Duration, "", Sampled: true),
        new("size", ValueKind.Size, ""),
    ]);

    private sealed class Source(Dictionary<string, AssertionValue> values) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => values.TryGetValue(subject.Root, out var v) ? v : AssertionValue.Missing;

        public IReadOnlyList<AssertionValue> Samples(SubjectRef subject) => [Resolve(subject)];
    }

    private sealed class Baselines(Dictionary<string, AssertionValue> values) : IBaselineSource
    {
        public BaselineValue Find(SubjectRef subject) =>
            values.TryGetValue(subject.Text, out var v) ? new BaselineValue(v, "run 0193ab12cd34 (GO, 2026-12-01 20:00 UTC)") : BaselineValue.None($"no baseline: nothing for `{subject.Text}`");
    }

    private static AssertionResult Eval(string text, Dictionary<string, AssertionValue> now, Dictionary<string, AssertionValue>? before = null)
    {
        var assertion = AssertionParser.Parse(text);
        AssertionValidator.Validate(assertion, Catalog);
        return AssertionEvaluator.Evaluate(assertion, new Source(now), s => s.Replace("${LIMIT}", "300ms", StringComparison.Ordinal), before is null ? null : new Baselines(before));
    }

    [Theory]
    [InlineData("value < 2 * 3 + 1", 6.5, true)]
    [InlineData("value < 2 * (3 + 1)", 7.5, true)]
    [InlineData("value > 10 / 4 - 1", 1.4, false)]
    [InlineData("value == 2 - 3", -1, true)]
    [InlineData("value >= 0.5 * -2", -1, true)]
    public void Evaluate_NumberArithmetic_KeepsPrecedence(string text, double value, bool passed)
    {
        Eval(text, new() { ["value"] = AssertionValue.FromNumber(value) }).Passed.ShouldBe(passed);
    }

    [Fact]
    public void Evaluate_DurationPlusDuration_IsADuration()
    {
        var result = Eval("duration < 1s + 500ms", new() { ["duration"] = AssertionValue.FromMilliseconds(1400) });
        result.Passed.ShouldBeTrue();
        result.Expected.ShouldBe("1.5s");
        result.ExpectedValue!.Kind.ShouldBe(ValueKind.Duration);
    }

    [Fact]
    public void Evaluate_TemplateInArithmetic_IsReadAtRunTime()
    {
        Eval("duration < ${LIMIT} * 2", new() { ["duration"] = AssertionValue.FromMilliseconds(650) }).Passed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_BaselinePlusDuration_ComparesWithTheBaselineRunAndNamesIt()
    {
        var now = new Dictionary<string, AssertionValue> { ["duration"] = AssertionValue.FromMilliseconds(700) };
        var result = Eval("p95(duration) < baseline(p95(duration)) + 500ms", now, new() { ["p95(duration)"] = AssertionValue.FromMilliseconds(120) });
        result.Passed.ShouldBeFalse();
        result.Expected.ShouldBe("620ms");
        result.Baseline.ShouldBe("baseline(p95(duration)) = 120ms from run 0193ab12cd34 (GO, 2026-12-01 20:00 UTC)");
        result.Describe().ShouldBe("p95(duration) < baseline(p95(duration)) + 500ms: actual 700ms, expected 620ms (baseline(p95(duration)) = 120ms from run 0193ab12cd34 (GO, 2026-12-01 20:00 UTC))");
        result.SubjectValues!["p95(duration)"].Number.ShouldBe(700);
    }

    [Fact]
    public void Evaluate_BaselineWithoutArgument_IsTheAssertionsOwnSubject()
    {
        var result = Eval("value > baseline() * 0.95", new() { ["value"] = AssertionValue.FromNumber(0.96) }, new() { ["value"] = AssertionValue.FromNumber(0.99) });
        result.Passed.ShouldBeTrue();
        result.Expected.ShouldBe("0.9405");
    }

    [Fact]
    public void Evaluate_NoBaseline_IsInconclusiveNeverAPass()
    {
        var result = Eval("value > baseline(value) * 0.95", new() { ["value"] = AssertionValue.FromNumber(1e9) });
        result.Passed.ShouldBeFalse();
        result.NoBaseline.ShouldBeTrue();
        result.Note.ShouldBe("no baseline: this run has no store to look for an earlier run in");
        result.SubjectValues!["value"].Number.ShouldBe(1e9);
    }

    [Fact]
    public void Evaluate_DivisionByZeroAtRunTime_FailsWithTheReason()
    {
        var result = Eval("value < 1 / baseline(value)", new() { ["value"] = AssertionValue.FromNumber(1) }, new() { ["value"] = AssertionValue.FromNumber(0) });
        result.Passed.ShouldBeFalse();
        result.NoBaseline.ShouldBeFalse();
        result.Note.ShouldBe("division by zero: 1 / 0");
    }

    [Fact]
    public void Parse_DateLikeValue_IsNotArithmetic()
    {
        // `2026-12-01` stays an error (quote text), not 2013.
        var ex = Should.Throw<AssertionSyntaxException>(() => AssertionParser.Parse("value == 2026-12-01"));
        ex.Message.ShouldContain("unexpected `-12-01`");
    }

    [Theory]
    [InlineData("duration < 500ms + 2", "cannot add a duration and a number (write both with units, e.g. 500ms)", 17)]
    [InlineData("duration < 1s * 2s", "cannot multiply a duration and a duration", 14)]
    [InlineData("value < \"a\" + 1", "arithmetic takes numbers, durations and sizes; `\"a\"` is a string", 8)]
    [InlineData("value < baseline(value) +", "expected a value after the operator", 25)]
    [InlineData("value < baseline(value", "expected `)` to close `baseline(`", 8)]
    [InlineData("value < max(value) * 2", "unknown function `max` in a value: only baseline(SUBJECT) is allowed here", 8)]
    [InlineData("value < (1 + 2", "expected `)` to close `(`", 8)]
    [InlineData("duration < baseline(duration) * 2", "`duration` is a duration but `baseline(duration) * 2` is a duration", -1)]
    [InlineData("duration < baseline(value) + 1", "`duration` is a duration but `baseline(value) + 1` is a number", 11)]
    [InlineData("value < baseline(body) * 2", "baseline(`body`): a baseline is compared by arithmetic on numbers, durations and sizes; `body` is a string", 8)]
    [InlineData("value < baseline(valeu) * 2", "unknown subject `valeu`", 17)]
    [InlineData("size < baseline(size) + 1MB", "", -1)]
    public void Load_BadArithmetic_IsRejectedWithItsColumn(string text, string message, int column)
    {
        if (column < 0)
        {
            // Valid: units mix as they should.
            Should.NotThrow(() => AssertionValidator.Validate(AssertionParser.Parse(text), Catalog));
            return;
        }

        var ex = Should.Throw<AssertionSyntaxException>(() => AssertionValidator.Validate(AssertionParser.Parse(text), Catalog));
        ex.Message.ShouldContain(message);
        ex.Column.ShouldBe(column);
    }
}
