using System.CommandLine;
using Greenlight.Cli.Rendering;
using Greenlight.Store;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>What the commands that read the store share: -f (to find the default store), --store, --no-color, and errors → exit 2.</summary>
internal sealed class StoreCommandOptions
{
    public Option<string> File { get; } = new("--file", "-f")
    {
        Description = "The spec whose history to read (the default store is .greenlight/history.db beside it).",
        DefaultValueFactory = _ => "greenlight.yaml",
        HelpName = "FILE",
    };

    public Option<string?> Store { get; } = StoreOption.Create();

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "Plain text, no colours." };

    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Store);
        command.Options.Add(NoColor);
    }

    /// <summary>Opens the store and runs <paramref name="body"/>; a store problem is a clear error and exit 2.</summary>
    /// <remarks>Only <paramref name="write"/> commands (prune) need a writable store; the others read a read-only one as it is.</remarks>
    public async Task<int> RunAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, Func<SqlRunStore, IAnsiConsole, Task<int>> body, CancellationToken cancellationToken, bool write = false)
    {
        var console = ConsoleFactory.Create(stdout, parse.GetValue(NoColor));
        var errors = ConsoleFactory.Create(stderr, parse.GetValue(NoColor));
        try
        {
            var dialect = RunStoreFactory.Locate(parse.GetValue(Store), parse.GetValue(File)!);
            if (dialect is SqliteDialect sqlite && !System.IO.File.Exists(sqlite.Path))
            {
                throw new StoreException($"no runs are recorded yet: {sqlite.Path} does not exist (run greenlight check first)");
            }

            var store = write ? await SqlRunStore.OpenAsync(dialect, cancellationToken) : await SqlRunStore.OpenForReadingAsync(dialect, cancellationToken);
            return await body(store, console);
        }
        catch (StoreException ex)
        {
            errors.MarkupLine($"[red]error[/]: {Markup.Escape(ex.Message)}");
            return ExitCodes.BadInput;
        }
    }
}
