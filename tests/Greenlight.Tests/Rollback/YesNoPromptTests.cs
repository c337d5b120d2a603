using Greenlight.Cli.Rendering;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Rollback;

/// <summary>The rollback's y/N question (our own, so Native AOT needs no reflection-based converter).</summary>
public class YesNoPromptTests
{
    private static async Task<(bool Answer, string Shown)> AskAsync(string input)
    {
        var output = new StringWriter();
        var answer = await YesNoPrompt.AskAsync(ConsoleFactory.Plain(output), new StringReader(input), "Run the rollback now?", CancellationToken.None);
        return (answer, output.ToString());
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("YES\n", true)]
    [InlineData("  Yes  \n", true)]
    [InlineData("n\n", false)]
    [InlineData("No\n", false)]
    [InlineData("\n", false)]
    [InlineData("", false)]
    public async Task AskAsync_Answer_IsYesOnlyForYOrYes(string input, bool expected)
    {
        var (answer, shown) = await AskAsync(input);
        answer.ShouldBe(expected);
        shown.ShouldStartWith("Run the rollback now? [y/N] ");
    }

    [Fact]
    public async Task AskAsync_OtherInput_AsksAgain()
    {
        var (answer, shown) = await AskAsync("maybe\nsure\ny\n");
        answer.ShouldBeTrue();
        shown.Split("Please answer y or n.").Length.ShouldBe(3);
        shown.Split("[y/N]").Length.ShouldBe(4);
    }

    [Fact]
    public async Task AskAsync_EndOfInputAfterNonsense_IsNo()
    {
        var (answer, _) = await AskAsync("what\n");
        answer.ShouldBeFalse();
    }
}
