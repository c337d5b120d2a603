using Greenlight.Secrets;
using Greenlight.Spec;
using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>Prints spec errors as <c>file:line:col: error: message</c> with the line and a caret under the column.</summary>
internal static class SpecErrorPrinter
{
    public static void Print(IAnsiConsole console, IReadOnlyList<SpecError> errors, Redactor redactor, string label = "error")
    {
        var files = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            var location = error.Location;
            var color = label == "error" ? "red" : "yellow";
            console.MarkupLine($"[bold]{Markup.Escape(location.ToString())}[/]: [{color}]{label}[/]: {Markup.Escape(Shorten(redactor.Redact(error.Message)))}");
            if (!files.TryGetValue(location.File, out var lines))
            {
                lines = System.IO.File.Exists(location.File) ? System.IO.File.ReadAllLines(location.File) : [];
                files[location.File] = lines;
            }

            if (location.Line >= 1 && location.Line <= lines.Length)
            {
                var (text, caret) = Window(redactor.Redact(lines[location.Line - 1]), location.Column - 1);
                console.MarkupLine($"  [grey]{location.Line,4} |[/] {Markup.Escape(text)}");
                console.MarkupLine($"  [grey]     |[/] {new string(' ', caret)}[{color}]^[/]");
            }
        }
    }

    /// <summary>At most <see cref="Width"/> characters of a long line around the column, so one huge line stays one line.</summary>
    internal static (string Text, int Caret) Window(string line, int column)
    {
        column = Math.Clamp(column, 0, line.Length);
        if (line.Length <= Width)
        {
            return (line, column);
        }

        var start = Math.Clamp(column - (Width / 2), 0, line.Length - Width);
        var text = line.Substring(start, Width);
        var caret = column - start;
        if (start > 0)
        {
            text = "…" + text[1..];
        }

        if (start + Width < line.Length)
        {
            text = text[..^1] + "…";
        }

        return (text, caret);
    }

    /// <summary>A message quoting a huge value stays one readable line (output is not wrapped when piped).</summary>
    private static string Shorten(string message) => message.Length <= 300 ? message : message[..299] + "…";

    private const int Width = 100;
}
