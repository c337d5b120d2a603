using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>
/// Creates the Spectre console a command writes to. Colour, bold and borders only when the stream
/// it writes to is a terminal; never in pipes, files or CI logs; never with NO_COLOR, TERM=dumb or
/// --no-color. Off a terminal nothing is wrapped: a line stays one line for grep and editors.
/// </summary>
internal static class ConsoleFactory
{
    private const int UnwrappedWidth = 4096;

    public static IAnsiConsole Create(TextWriter writer, bool noColor)
    {
        var terminal = IsTerminal(writer);
        var plain = noColor || !terminal || PlainRequested();
        var settings = new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        };
        var console = AnsiConsole.Create(settings);
        if (!terminal)
        {
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }

    /// <summary>A plain console over any writer (a report file): no colour, no wrapping.</summary>
    public static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = UnwrappedWidth;
        return console;
    }

    /// <summary>Whether borders and other decorations belong on this console.</summary>
    public static bool Decorated(IAnsiConsole console) => console.Profile.Capabilities.Ansi;

    /// <summary>Only the process's own stdout and stderr can be terminals, and only when not redirected.</summary>
    public static bool IsTerminal(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) ? !Console.IsOutputRedirected
        : ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;

    private static bool PlainRequested() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) ||
        string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
}
