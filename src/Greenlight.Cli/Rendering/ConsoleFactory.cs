using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>Creates the Spectre console a command writes to; colour follows the terminal, NO_COLOR and --no-color.</summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole Create(TextWriter writer, bool noColor)
    {
        // A pipe or a file gets no colour codes, even when TERM says the terminal could show them.
        var redirected = ReferenceEquals(writer, Console.Out) ? Console.IsOutputRedirected
            : ReferenceEquals(writer, Console.Error) ? Console.IsErrorRedirected
            : true;
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
            // Pipes and CI logs get a fixed, wide width: output is the same everywhere, and
            // "file:line:col: error: …" lines stay whole for editors and grep.
            console.Profile.Width = 240;
        }

        return console;
    }
}
