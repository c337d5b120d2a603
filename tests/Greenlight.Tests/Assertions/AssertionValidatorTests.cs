using Greenlight.Assertions;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Assertions;

public class AssertionValidatorTests
{
    private static readonly SubjectCatalog Catalog = new(
    [
        new("status", ValueKind.Number, ""),
        new("body", ValueKind.String, ""),
        new("duration", ValueKind.Duration, "", Sampled: true),
        new("json", null, "", ArgumentName: "PATH"),
        new("header", ValueKind.String, "", ArgumentName: "NAME"),
    ]);

    [Theory]
    [InlineData("duration < 500", "write a duration")]
    [InlineData("status == \"200\"", "is a number but `\"200\"` is a string")]
    [InlineData("stauts == 200", "did you mean `status`?")]
    [InlineData("status contains \"2\"", "`contains` applies to text and lists")]
    [InlineData("status is empty", "cannot be empty")]
    [InlineData("body contains 5", "quote the value")]
    [InlineData("p95(status) < 5", "applies to sampled values")]
    [InlineData("header exists", "needs a name")]
    [InlineData("body.x exists", "takes no `.x`")]
    public void Validate_MismatchedValue_IsRejectedAtLoad(string text, string message)
    {
        var ex = Should.Throw<AssertionSyntaxException>(() => AssertionValidator.Validate(AssertionParser.Parse(text), Catalog));

        ex.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("json.$.count == 5")]
    [InlineData("json.$.name == \"x\"")]
    [InlineData("len(body) > 10")]
    [InlineData("p95(duration) < 200ms")]
    [InlineData("json exists")]
    public void Validate_FittingValue_IsAccepted(string text)
    {
        Should.NotThrow(() => AssertionValidator.Validate(AssertionParser.Parse(text), Catalog));
    }
}
