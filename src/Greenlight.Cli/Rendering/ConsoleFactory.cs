using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>Creates the Spectre console a command writes to; colour follows the terminal, NO_COLOR and --no-color.</summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole Create(TextWriter writer, bool noColor)
    {
        var redirected = !ReferenceEquals(writer, Console.Out) && !ReferenceEquals(writer, Console.Error);
        var settings = new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = noColor || redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor || redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        };
        var console = AnsiConsole.Create(settings);
        if (redirected || Console.IsOutputRedirected)
        {
            // Tests, pipes and CI logs get a fixed width, so output is the same everywhere.
            console.Profile.Width = 120;
        }

        return console;
    }
}
