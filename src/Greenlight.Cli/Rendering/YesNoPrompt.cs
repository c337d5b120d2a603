using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>
/// A y/N question read as one line from the terminal. Spectre's typed prompt converts the answer through
/// a reflection-based TypeConverter, which Native AOT cannot compile safely; a yes/no needs no converter.
/// </summary>
internal static class YesNoPrompt
{
    /// <summary>True on y/yes, false on n/no, an empty line or end of input (the default is No); anything else asks again.</summary>
    public static async Task<bool> AskAsync(IAnsiConsole console, TextReader input, string question, CancellationToken cancellationToken)
    {
        while (true)
        {
            console.Markup($"{Markup.Escape(question)} [grey][[y/N]][/] ");
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                console.WriteLine();
                return false;
            }

            switch (line.Trim().ToLowerInvariant())
            {
                case "y" or "yes":
                    return true;
                case "" or "n" or "no":
                    return false;
                default:
                    console.MarkupLine("[yellow]Please answer y or n.[/]");
                    break;
            }
        }
    }
}
