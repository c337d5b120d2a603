using Greenlight.Spec;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

public class InterpolatorTests
{
    private static readonly Dictionary<string, string> Vars = new() { ["SET"] = "value", ["EMPTY"] = "", ["login.token"] = "abc" };

    private static string Expand(string text, List<InterpolationIssue>? issues = null) =>
        Interpolator.Expand(text, name => Vars.GetValueOrDefault(name), issues);

    [Theory]
    [InlineData("${SET}", "value")]
    [InlineData("${UNSET}", "")]
    [InlineData("${UNSET:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${EMPTY-fallback}", "")]
    [InlineData("${UNSET-fallback}", "fallback")]
    [InlineData("${SET:+alt}", "alt")]
    [InlineData("${EMPTY:+alt}", "")]
    [InlineData("${EMPTY+alt}", "alt")]
    [InlineData("${UNSET:-${SET}}", "value")]
    [InlineData("$$HOME and $HOME", "$HOME and $HOME")]
    [InlineData("Bearer ${login.token}", "Bearer abc")]
    [InlineData("http://${UNSET:-127.0.0.1}:8000/x", "http://127.0.0.1:8000/x")]
    public void Expand_ComposeForms_BehaveAsInCompose(string text, string expected) => Expand(text).ShouldBe(expected);

    [Theory]
    [InlineData("${UNSET:?need it}", "required variable UNSET is missing a value: need it")]
    [InlineData("${EMPTY:?}", "required variable EMPTY is missing a value")]
    [InlineData("${UNSET", "unterminated `${`")]
    [InlineData("${1BAD}", "invalid variable reference")]
    public void Expand_Errors_AreReported(string text, string message)
    {
        var issues = new List<InterpolationIssue>();
        Expand(text, issues);

        issues.ShouldContain(i => i.IsError && i.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Expand_QuestionWithoutColon_AcceptsEmpty()
    {
        var issues = new List<InterpolationIssue>();
        Expand("${EMPTY?must be set}", issues).ShouldBe("");
        issues.ShouldBeEmpty();
    }
}
