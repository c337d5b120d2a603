using Greenlight.Assertions;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Assertions;

public class AssertionParserTests
{
    [Theory]
    [InlineData("status == 200", "status", null, "Equal")]
    [InlineData("header.Content-Type contains \"json\"", "header", "Content-Type", "Contains")]
    [InlineData("json.$.items[?(@.name == 'a b')].id exists", "json", "$.items[?(@.name == 'a b')].id", "Exists")]
    [InlineData("body not contains \"error\"", "body", null, "NotContains")]
    [InlineData("json.$.insight is not empty", "json", "$.insight", "IsNotEmpty")]
    [InlineData("status in [200, 204]", "status", null, "In")]
    [InlineData("stdout matches /^v\\d+/i", "stdout", null, "Matches")]
    [InlineData("duration<500ms", "duration", null, "Less")]
    public void Parse_ValidAssertion_ReadsSubjectAndOperator(string text, string root, string? argument, string op)
    {
        var assertion = AssertionParser.Parse(text);

        assertion.Subject.Root.ShouldBe(root);
        assertion.Subject.Argument.ShouldBe(argument);
        assertion.Operator.ToString().ShouldBe(op);
    }

    [Fact]
    public void Parse_JsonPathContainingEqualsSigns_IsNotSplitOnThem()
    {
        var assertion = AssertionParser.Parse("json.$.a[?(@.x == 1)].y == \"ok\"");

        assertion.Subject.Argument.ShouldBe("$.a[?(@.x == 1)].y");
        assertion.Expected!.Value!.Text.ShouldBe("ok");
    }

    [Theory]
    [InlineData("duration < 1.5s", "Duration", 1500)]
    [InlineData("size > 10MB", "Size", 10_000_000)]
    [InlineData("size > 64KiB", "Size", 65_536)]
    [InlineData("status == -1", "Number", -1)]
    [InlineData("status == 1_000", "Number", 1000)]
    public void Parse_ValuesWithUnits_AreTyped(string text, string kind, double number)
    {
        var value = AssertionParser.Parse(text).Expected!.Value!;

        value.Kind.ToString().ShouldBe(kind);
        value.Number.ShouldBe(number);
    }

    [Theory]
    [InlineData("status == ok", 10, "quote text")]
    [InlineData("status = 200", 7, "write `==`")]
    [InlineData("status === 200", 9, "expected a value")]
    [InlineData("status == 200 201", 14, "unexpected `201`")]
    [InlineData("duration < 5xs", 11, "`xs` is not a unit")]
    [InlineData("body contains \"open", 14, "unterminated string")]
    [InlineData("stdout matches /(/", 15, "invalid regular expression")]
    [InlineData("status", 6, "expected an operator")]
    [InlineData("status between 1", 7, "unknown operator `between`")]
    [InlineData("status in 200", 10, "takes a list")]
    [InlineData("json.$.a[0 exists", 0, "unbalanced brackets")]
    [InlineData("p42(duration) < 1s", 0, "unknown function `p42`")]
    public void Parse_Malformed_PointsAtTheCharacter(string text, int column, string message)
    {
        var ex = Should.Throw<AssertionSyntaxException>(() => AssertionParser.Parse(text));

        ex.Message.ShouldContain(message);
        ex.Column.ShouldBe(column);
    }

    [Fact]
    public void Parse_TemplateValue_IsKeptForRunTime()
    {
        var assertion = AssertionParser.Parse("json.$.version == \"${GIT_SHA}\"");

        assertion.Expected!.Kind.ShouldBe(LiteralKind.Template);
        assertion.Expected.Quoted.ShouldBeTrue();
    }

    [Fact]
    public void ParseSubjectOnly_FunctionAroundSubject_KeepsBoth()
    {
        var subject = AssertionParser.ParseSubjectOnly("p95(duration)");

        subject.Function.ShouldBe("p95");
        subject.Root.ShouldBe("duration");
    }
}
