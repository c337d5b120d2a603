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
            console.MarkupLine($"[bold]{Markup.Escape(location.ToString())}[/]: [{color}]{label}[/]: {Markup.Escape(redactor.Redact(error.Message))}");
            if (!files.TryGetValue(location.File, out var lines))
            {
                lines = System.IO.File.Exists(location.File) ? System.IO.File.ReadAllLines(location.File) : [];
                files[location.File] = lines;
            }

            if (location.Line >= 1 && location.Line <= lines.Length)
            {
                var text = redactor.Redact(lines[location.Line - 1]);
                console.MarkupLine($"  [grey]{location.Line,4} |[/] {Markup.Escape(text)}");
                var caret = Math.Clamp(location.Column - 1, 0, text.Length);
                console.MarkupLine($"  [grey]     |[/] {new string(' ', caret)}[{color}]^[/]");
            }
        }
    }
}
