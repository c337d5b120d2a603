using System.CommandLine;
using Greenlight.Checks.Manual;
using Greenlight.Cli.Rendering;
using Greenlight.Engine;
using Greenlight.Secrets;
using Greenlight.Signoffs;
using Greenlight.Spec;
using Greenlight.Store;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight signoff ID --by NAME</c>: a person confirms a manual check for this commit; <c>--list</c> shows where each stands.</summary>
internal static class SignoffCommand
{
    public static Command Create(TextWriter stdout)
    {
        var spec = new SpecOptions();
        var id = new Argument<string?>("ID") { Description = "The manual check to sign off.", Arity = ArgumentArity.ZeroOrOne };
        var by = new Option<string?>("--by") { Description = "Who signs (a name or e-mail).", HelpName = "NAME" };
        var note = new Option<string?>("--note") { Description = "Why, or what was confirmed; kept with the sign-off.", HelpName = "TEXT" };
        var list = new Option<bool>("--list") { Description = "Show every manual check: pending or signed, by whom, when and for which commit." };
        var store = StoreOption.Create();
        var noColor = new Option<bool>("--no-color") { Description = "Plain text, no colours." };
        var command = new Command("signoff", "Sign off a manual check for the current commit (kept in the store with who, when, the note, the commit and the spec hash), or list them with --list.");
        command.Arguments.Add(id);
        spec.AddTo(command);
        foreach (var option in new Option[] { by, note, list, store, noColor })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = ConsoleFactory.Create(stdout, parse.GetValue(noColor));
            var (loadOptions, optionError) = spec.Read(parse);
            if (loadOptions is null)
            {
                console.MarkupLine($"[red]error[/]: {Markup.Escape(optionError!)}");
                return ExitCodes.BadInput;
            }

            var specPath = parse.GetValue(spec.File)!;
            SpecDocument document;
            try
            {
                document = SpecLoader.LoadFile(specPath, loadOptions);
            }
            catch (SpecException ex)
            {
                var scope = new VariableScope(loadOptions.CliVariables, SpecLoadOptions.ProcessEnvironment(), new Dictionary<string, string>());
                SpecErrorPrinter.Print(console, ex.Errors, new Redactor(scope.SecretValues()));
                return ExitCodes.BadInput;
            }

            var checkId = parse.GetValue(id);
            if (!parse.GetValue(list) && (checkId is null || parse.GetValue(by) is null))
            {
                console.MarkupLine("[red]error[/]: give the check and who signs: greenlight signoff ID --by NAME [[--note TEXT]] (or --list)");
                return ExitCodes.BadInput;
            }

            var provenance = await RunProvenance.DetectAsync(document.Directory, TimeProvider.System, cancellationToken);
            try
            {
                var dialect = RunStoreFactory.Locate(parse.GetValue(store), specPath);
                if (parse.GetValue(list))
                {
                    var existing = dialect is not SqliteDialect sqlite || System.IO.File.Exists(sqlite.Path) ? await SqlRunStore.OpenAsync(dialect, cancellationToken) : null;
                    var items = await SignoffService.ListAsync(existing, document, provenance, TimeProvider.System, cancellationToken);
                    Render(console, document, provenance, items);
                    return ExitCodes.Go;
                }

                var runStore = await SqlRunStore.OpenAsync(dialect, cancellationToken);
                var (signoff, status) = await SignoffService.SignAsync(runStore, document, checkId!, parse.GetValue(by)!, parse.GetValue(note), provenance, TimeProvider.System, cancellationToken);
                console.MarkupLine($"[green]✓[/] {Markup.Escape(signoff.CheckId)} signed off by [bold]{Markup.Escape(signoff.SignedBy)}[/] for commit {Markup.Escape(ManualSettings.Short(signoff.GitCommit))} " +
                    $"({status.Counted.Count} of {status.Requires}{(status.Complete ? ", complete" : $", {status.Missing} more needed")})");
                return ExitCodes.Go;
            }
            catch (Exception ex) when (ex is StoreException or SignoffException)
            {
                console.MarkupLine($"[red]error[/]: {Markup.Escape(ex.Message)}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static void Render(IAnsiConsole console, SpecDocument spec, RunProvenance provenance, IReadOnlyList<ManualItem> items)
    {
        if (items.Count == 0)
        {
            console.MarkupLine($"Spec [bold]{Markup.Escape(spec.Name)}[/] has no manual checks.");
            return;
        }

        console.MarkupLine($"Manual checks of [bold]{Markup.Escape(spec.Name)}[/] for commit {Markup.Escape(ManualSettings.Short(provenance.GitCommit))}:");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "Check", "Status", "Prompt", "Signed by" })
        {
            table.AddColumn(column);
        }

        foreach (var item in items)
        {
            var state = item.Status.Complete ? "[green]signed[/]" : $"[yellow]pending[/] {item.Status.Counted.Count}/{item.Status.Requires}";
            var signers = item.Status.Counted.Select(s => $"{s.SignedBy} {s.SignedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z{(s.Note is null ? "" : $": {s.Note}")}")
                .Concat(item.Status.Rejected.Select(r => $"(not counted) {r.Signoff.SignedBy} {r.Signoff.SignedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z: {r.Reason}"));
            table.AddRow(new Markup(Markup.Escape(item.Check.Id)), new Markup(state), new Markup(Markup.Escape(item.Settings.Prompt)), new Markup(Markup.Escape(string.Join("\n", signers))));
        }

        console.Write(table);
    }
}
