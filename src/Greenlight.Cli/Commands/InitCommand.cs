using System.CommandLine;
using Greenlight.Import;
using Greenlight.Init;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight init [DIR]</c>: draft greenlight.yaml from what a repository holds; never overwrites without --force.</summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("DIR") { Description = "The repository to read (default: the current folder).", DefaultValueFactory = _ => "." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the spec (default DIR/greenlight.yaml; - for standard output).", HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing spec." };
        var command = new Command("init", "Read a repository and draft a spec: how the app starts (boot), the variables it reads (env), its routes, migrations, database, proxy rewrites and dependencies, each check commented with why.");
        command.Arguments.Add(folder);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(folder)!;
            var outFile = parse.GetValue(output) ?? Path.Combine(dir, "greenlight.yaml");
            if (outFile != "-" && File.Exists(outFile) && !parse.GetValue(force))
            {
                await stderr.WriteLineAsync($"error: {outFile} exists; pass --force to overwrite it (or --out - to print the draft)");
                return ExitCodes.BadInput;
            }

            string yaml;
            InitDraft draft;
            try
            {
                (yaml, draft) = RepositoryInit.Draft(dir);
            }
            catch (ImportException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            if (outFile == "-")
            {
                await stdout.WriteAsync(yaml);
            }
            else
            {
                await File.WriteAllTextAsync(outFile, yaml, cancellationToken);
                await stderr.WriteLineAsync($"Drafted {outFile}: {string.Join(", ", draft.Checks.GroupBy(c => c.Kind).Select(g => $"{g.Count()} {g.Key}"))}. Review it, then `greenlight validate -f {outFile}`.");
            }

            return ExitCodes.Go;
        });
        return command;
    }
}
