using System.CommandLine;
using System.Runtime.InteropServices;
using Greenlight.Cli.Commands;

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
        root.Subcommands.Add(HistoryCommand.Create(stdout));
        root.Subcommands.Add(ShowCommand.Create(stdout));
        root.Subcommands.Add(DiffCommand.Create(stdout));
        root.Subcommands.Add(ReportCommand.Create(stdout));
        root.Subcommands.Add(SchemaCommand.Create(stdout));
        root.Subcommands.Add(SpecSchemaCommand.Create(stdout, stderr));
        root.Subcommands.Add(ImportCommand.Create(stdout, stderr));
        root.Subcommands.Add(AuditCommand.Create(stdout, stderr));
        root.Subcommands.Add(InitCommand.Create(stdout, stderr));
        root.Subcommands.Add(SignoffCommand.Create(stdout));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = Build(stdout, stderr);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        if (parse.Errors.Count > 0)
        {
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
