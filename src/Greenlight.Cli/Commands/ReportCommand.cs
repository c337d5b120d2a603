using System.CommandLine;
using Greenlight.Reports;
using Greenlight.Reports.Html;
using Greenlight.Store;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight report RUN --format md|json|junit|html [--out FILE]</c>: the report of a recorded run, byte-for-byte as check wrote it.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new StoreCommandOptions();
        var run = ShowCommand.RunArgument();
        var format = new Option<string>("--format") { Description = "md, json, junit or html.", DefaultValueFactory = _ => "md", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong([.. ReportWriters.Formats]);
        var output = CliOptions.OutFile("Write to this file instead of standard output.");
        var command = new Command("report", "Write the report of a recorded run (the same bytes check wrote for it).");
        command.Arguments.Add(run);
        options.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => options.RunAsync(parse, stdout, stderr, async (store, console) =>
        {
            var (report, _, _) = await store.LoadAsync(await store.ResolveAsync(parse.GetValue(run)!, cancellationToken), cancellationToken);
            var writer = ReportWriters.Find(parse.GetValue(format)!)!;

            // The HTML review also compares the run with the one before it, from the same store.
            var review = writer is HtmlReportWriter ? await ReleaseReviewBuilder.BuildAsync(report, store, cancellationToken) : null;
            Task WriteAsync(Stream stream) => review is not null ? HtmlReportWriter.WriteAsync(review, stream, cancellationToken) : writer.WriteAsync(report, stream, cancellationToken);
            if (parse.GetValue(output) is { } file)
            {
                await using var stream = System.IO.File.Create(file);
                await WriteAsync(stream);
                console.MarkupLine($"[grey]Report written to {Markup.Escape(file)}[/]");
            }
            else
            {
                await using var buffer = new MemoryStream();
                await WriteAsync(buffer);
                await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                await stdout.FlushAsync(cancellationToken);
            }

            return ExitCodes.Go;
        }, cancellationToken));
        return command;
    }
}
