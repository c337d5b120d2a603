using Greenlight.Checks.Manual;
using Greenlight.Signoffs;
using Greenlight.Spec;
using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>Asks at the terminal, before a run, for each pending manual check: a name signs it, an empty answer leaves it pending.</summary>
internal sealed class TerminalSignoffPrompter(IAnsiConsole console, TextReader input) : ISignoffPrompter
{
    public async Task<SignoffAnswer?> AskAsync(CheckDefinition check, ManualSettings settings, SignoffStatus status, CancellationToken cancellationToken)
    {
        console.MarkupLine($"[yellow]?[/] [bold]{Markup.Escape(check.Id)}[/] ({check.Severity.ToString().ToLowerInvariant()}): {Markup.Escape(settings.Prompt)} [grey]({status.Counted.Count} of {status.Requires} signed)[/]");
        console.Markup("  Sign off as (your name, empty to leave it pending): ");
        var name = (await input.ReadLineAsync(cancellationToken))?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            console.MarkupLine("  [grey]left pending[/]");
            return null;
        }

        console.Markup("  Note (optional): ");
        var note = (await input.ReadLineAsync(cancellationToken))?.Trim();
        return new SignoffAnswer(name, string.IsNullOrEmpty(note) ? null : note);
    }

    public void Refused(string reason) => console.MarkupLine($"  [red]not signed[/]: {Markup.Escape(reason)}");
}
