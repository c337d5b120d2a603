using System.CommandLine;
using System.Runtime.InteropServices;
using Greenlight.Cli.Commands;
using Greenlight.Text;

namespace Greenlight.Cli;

/// <summary>
/// The <c>greenlight</c> command line. Thin: it parses arguments, calls the core and renders.
/// Ctrl-C and SIGTERM cancel the run's token so the partial report is still written.
/// </summary>
internal static class GreenlightCli
{
    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Greenlight turns a deployment checklist into checks that run, and ends every release with GO, GO WITH WARNINGS or NO-GO, backed by evidence.");
        root.Subcommands.Add(CheckCommand.Create(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(HistoryCommand.Create(stdout, stderr));
        root.Subcommands.Add(ShowCommand.Create(stdout, stderr));
        root.Subcommands.Add(DiffCommand.Create(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Create(stdout, stderr));
        root.Subcommands.Add(SchemaCommand.Create(stdout));
        root.Subcommands.Add(MigrateCommand.Create(stdout, stderr));
        root.Subcommands.Add(SpecSchemaCommand.Create(stdout, stderr));
        root.Subcommands.Add(WatchCommand.Create(stdout, stderr));
        root.Subcommands.Add(RollbackCommand.Create(stdout, stderr));
        root.Subcommands.Add(ImportCommand.Create(stdout, stderr));
        root.Subcommands.Add(AuditCommand.Create(stdout, stderr));
        root.Subcommands.Add(InitCommand.Create(stdout, stderr));
        root.Subcommands.Add(SignoffCommand.Create(stdout));
        root.Subcommands.Add(SecretsCommand.Create(stdout));
        root.Subcommands.Add(VersionCommand.Create(stdout));
        root.Subcommands.Add(McpCommand.Create(stderr));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Scripts probe a binary with these: answer before building the command tree (every
        // command's options, the kinds, the console), which is most of their start-up.
        switch (args)
        {
            case ["--version"]:
                await stdout.WriteLineAsync(VersionCommand.ShortVersion.AsMemory(), cancellationToken);
                return ExitCodes.Go;
            case ["version"]:
                return await VersionCommand.WriteAsync(stdout, cancellationToken);
        }

        var root = Build(stdout, stderr);

        // `greenlight` alone is a question: answer it with the help, not an error.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        if (parse.Errors.Count > 0)
        {
            if (UnknownCommand(root, parse) is { } unknown)
            {
                var hint = DidYouMean.Suggest(unknown, root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                await stderr.WriteLineAsync($"error: `{unknown}` is not a greenlight command{(hint is null ? "" : $"; did you mean `{hint}`?")}");
                await stderr.WriteLineAsync("Run `greenlight --help` for the list of commands.");
                return ExitCodes.BadInput;
            }

            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync("Run `greenlight --help` (or `greenlight COMMAND --help`) for usage.");
            return ExitCodes.BadInput;
        }

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        return await parse.InvokeAsync(configuration, interrupt.Token);

        static string? UnknownCommand(RootCommand root, ParseResult parse) =>
            parse.CommandResult.Command == root && parse.UnmatchedTokens.FirstOrDefault() is { } first && !first.StartsWith('-') ? first : null;

        void Cancel(PosixSignalContext context)
        {
            // The first signal stops the run gracefully; a second one ends the process as usual.
            if (!interrupt.IsCancellationRequested)
            {
                context.Cancel = true;
                interrupt.Cancel();
            }
        }
    }
}
