using System.CommandLine;
using Greenlight.Import;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight import CHECKLIST.md</c>: a hand-written checklist becomes a spec; the account of every item goes to stderr.</summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var checklist = new Argument<string>("CHECKLIST") { Description = "The Markdown checklist, runbook or release review to import." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the spec to this file instead of standard output.", HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var command = new Command("import", "Turn a hand-written Markdown checklist into a spec: SQL, curl, psql, alembic and test commands become checks, task items and ✅ claims become manual checks, the rollback plan becomes rollback steps; each check points back at its line (source:).");
        command.Arguments.Add(checklist);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var outFile = parse.GetValue(output);
            if (outFile is not null && File.Exists(outFile) && !parse.GetValue(force))
            {
                await stderr.WriteLineAsync($"error: {outFile} exists; pass --force to overwrite it");
                return ExitCodes.BadInput;
            }

            string yaml;
            ImportResult result;
            try
            {
                (yaml, result) = await ChecklistImport.FromFileAsync(parse.GetValue(checklist)!, cancellationToken);
            }
            catch (ImportException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            if (outFile is null)
            {
                await stdout.WriteAsync(yaml);
            }
            else
            {
                await File.WriteAllTextAsync(outFile, yaml, cancellationToken);
            }

            foreach (var warning in result.Warnings)
            {
                await stderr.WriteLineAsync($"warning: {warning}");
            }

            await stderr.WriteLineAsync($"{result.DocumentName}: {result.Items} items → {result.Runnable} runnable checks, {result.Manual} manual, {result.Rollback.Count} rollback steps, {result.NotConverted.Count} not converted{(result.NotConverted.Count == 0 ? "" : ":")}");
            foreach (var item in result.NotConverted)
            {
                await stderr.WriteLineAsync($"  {result.DocumentName}:{item.Line}  {item.Text}  — {item.Reason}");
            }

            if (outFile is not null)
            {
                await stderr.WriteLineAsync($"Spec written to {outFile}: review it, then `greenlight validate -f {outFile}`.");
            }

            return ExitCodes.Go;
        });
        return command;
    }
}
