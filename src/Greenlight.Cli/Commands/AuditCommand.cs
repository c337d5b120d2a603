using System.CommandLine;
using Greenlight.Audit;
using Greenlight.Import;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight audit CHECKLIST.md [--run RUN]</c>: the document written back with every claim judged by a stored run.</summary>
internal static class AuditCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var options = new StoreCommandOptions();
        var checklist = new Argument<string>("CHECKLIST") { Description = "The Markdown checklist the spec was imported from." };
        var run = new Option<string>("--run") { Description = "The run to judge by: an id, a prefix, last or last~N.", DefaultValueFactory = _ => "last", HelpName = "RUN" };
        var format = new Option<string>("--format") { Description = "md (the document with every claim annotated) or json (greenlight.audit/v1).", DefaultValueFactory = _ => "md", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("md", "json");
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("audit", "Judge a checklist's ✅ by stored evidence: earned (its check passed), claimed but failed, or claimed without evidence; exit 1 when a claim failed.");
        command.Arguments.Add(checklist);
        options.AddTo(command);
        command.Options.Add(run);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => options.RunAsync(parse, stdout, stderr, async (store, _) =>
        {
            var (report, _, _) = await store.LoadAsync(await store.ResolveAsync(parse.GetValue(run)!, cancellationToken), cancellationToken);
            AuditReport audit;
            string document;
            try
            {
                (audit, document) = await ChecklistAudit.FromFileAsync(parse.GetValue(checklist)!, report, cancellationToken);
            }
            catch (ImportException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            await using var buffer = new MemoryStream();
            if (parse.GetValue(format) == "json")
            {
                await AuditJsonWriter.WriteAsync(audit, buffer, cancellationToken);
            }
            else
            {
                await buffer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(AuditMarkdownWriter.Write(document, audit)), cancellationToken);
            }

            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllBytesAsync(file, buffer.ToArray(), cancellationToken);
            }
            else
            {
                await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                await stdout.FlushAsync(cancellationToken);
            }

            await stderr.WriteLineAsync($"{audit.Document}: {audit.Earned} claims earned, {audit.Failed} claimed but failed, {audit.Unproven} without evidence; the evidence says {Greenlight.Engine.VerdictRules.Spell(audit.Run.Verdict)}.");
            return audit.Failed > 0 ? ExitCodes.NoGo : ExitCodes.Go;
        }, cancellationToken));
        return command;
    }
}
