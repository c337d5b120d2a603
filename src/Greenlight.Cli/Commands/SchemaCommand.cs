using System.CommandLine;
using Greenlight.Cli.Rendering;
using Greenlight.Databases;
using Greenlight.Databases.Schema;
using Greenlight.Secrets;
using Greenlight.Spec;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight schema snapshot|diff</c>: write the live schema as YAML, compare two schemas, write fix-up SQL.</summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("schema", "Snapshot a database schema as the YAML a schema check expects, or compare two schemas (snapshots or live targets).");
        command.Subcommands.Add(CreateSnapshot(stdout));
        command.Subcommands.Add(CreateDiff(stdout));
        return command;
    }

    private static Command CreateSnapshot(TextWriter stdout)
    {
        var source = new Argument<string>("TARGET") { Description = "A target named in the spec, or a database URL (postgres://… or sqlite:PATH)." };
        var spec = SpecOptions();
        var schemaName = SchemaName();
        var output = new Option<string?>("--out", "-o") { Description = "Write the snapshot to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("snapshot", "Write the live schema in the YAML a schema check expects, so snapshot → commit → check in CI is the normal flow.");
        command.Arguments.Add(source);
        spec.AddTo(command);
        command.Options.Add(schemaName);
        command.Options.Add(output);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (load, loadError) = spec.Read(parse);
            if (load is null)
            {
                await stdout.WriteLineAsync($"error: {loadError}");
                return ExitCodes.BadInput;
            }

            try
            {
                var (schema, label) = await ResolveAsync(parse.GetValue(source)!, parse.GetValue(spec.File)!, load, parse.GetValue(schemaName)!, allowSnapshot: false, cancellationToken);
                var yaml = SchemaYaml.Write(schema, label);
                if (parse.GetValue(output) is { } path)
                {
                    // Plain text: setting up the rich console costs more than this one line is worth.
                    await System.IO.File.WriteAllTextAsync(path, yaml, cancellationToken);
                    await stdout.WriteLineAsync($"{schema.Tables.Count} tables, {schema.Views.Count} views written to {path}");
                }
                else
                {
                    await stdout.WriteAsync(yaml);
                }

                return ExitCodes.Go;
            }
            catch (Exception ex) when (ex is DatabaseException or ArgumentException or SpecException or System.Data.Common.DbException)
            {
                ConsoleFactory.Create(stdout, noColor: false).MarkupLine($"[red]error[/]: {Markup.Escape(Redactor.None.Redact(ex.Message))}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static Command CreateDiff(TextWriter stdout)
    {
        var a = new Argument<string>("A") { Description = "A snapshot file, a target named in the spec, or a database URL." };
        var b = new Argument<string>("B") { Description = "The same, for the other side: the diff says what brings A to B." };
        var spec = SpecOptions();
        var schemaName = SchemaName();
        var sql = new Option<bool>("--sql") { Description = "Write idempotent SQL (PostgreSQL) that brings A to B instead of the readable diff." };
        var destructive = new Option<bool>("--allow-destructive") { Description = "With --sql: write drops and type changes as statements instead of comments." };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output.", HelpName = "FILE" };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text, no colours." };
        var ignore = new Option<string[]>("--ignore")
        {
            Description = "Leave out what a team does not manage: privileges (grants and default privileges), comments.",
            HelpName = "privileges|comments",
            AllowMultipleArgumentsPerToken = true,
        };
        ignore.AcceptOnlyFromAmong(SchemaDiffOptions.Ignorable);
        var command = new Command("diff", "Compare two schemas (staging against production, a snapshot against live), grouped by table. Exit 0 when equal, 1 when they differ, 2 on an error.");
        command.Arguments.Add(a);
        command.Arguments.Add(b);
        spec.AddTo(command);
        foreach (var option in new Option[] { schemaName, sql, destructive, ignore, output, noColor })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = ConsoleFactory.Create(stdout, parse.GetValue(noColor));
            var (load, loadError) = spec.Read(parse);
            if (load is null)
            {
                console.MarkupLine($"[red]error[/]: {Markup.Escape(loadError!)}");
                return ExitCodes.BadInput;
            }

            try
            {
                var (left, leftLabel) = await ResolveAsync(parse.GetValue(a)!, parse.GetValue(spec.File)!, load, parse.GetValue(schemaName)!, allowSnapshot: true, cancellationToken);
                var (right, rightLabel) = await ResolveAsync(parse.GetValue(b)!, parse.GetValue(spec.File)!, load, parse.GetValue(schemaName)!, allowSnapshot: true, cancellationToken);
                var ignored = parse.GetValue(ignore) ?? [];
                var changes = SchemaDiff.Compare(left, right, new SchemaDiffOptions(ignored.Contains("privileges"), ignored.Contains("comments")));
                var notCompared = SchemaDiff.NotCompared(left, right);
                string text;
                if (parse.GetValue(sql))
                {
                    text = SchemaDiff.FixupSql(changes, parse.GetValue(destructive), leftLabel, rightLabel, notCompared);
                }
                else
                {
                    var lines = new System.Text.StringBuilder($"Schema diff: A = {leftLabel}, B = {rightLabel}\n");
                    foreach (var group in changes.GroupBy(c => c.Table).OrderBy(g => g.Key, StringComparer.Ordinal))
                    {
                        lines.AppendLine(group.Key.Length == 0 ? "database" : $"table {group.Key}");
                        foreach (var change in group)
                        {
                            lines.AppendLine($"  {(change.Destructive ? "!" : change.Description.Contains("only in B", StringComparison.Ordinal) ? "+" : "~")} {change.Description}");
                        }
                    }

                    foreach (var item in notCompared)
                    {
                        lines.AppendLine($"not compared: {item}");
                    }

                    lines.AppendLine(changes.Count == 0 ? "No differences." : $"{changes.Count} difference{(changes.Count == 1 ? "" : "s")} ({changes.Count(c => c.Destructive)} destructive). Write the SQL that brings A to B with --sql.");
                    text = lines.ToString();
                }

                if (parse.GetValue(output) is { } path)
                {
                    await System.IO.File.WriteAllTextAsync(path, text, cancellationToken);
                    console.MarkupLine($"[grey]Written to {Markup.Escape(path)}; {changes.Count} difference{(changes.Count == 1 ? "" : "s")}[/]");
                }
                else
                {
                    await stdout.WriteAsync(text);
                }

                return changes.Count == 0 ? ExitCodes.Go : ExitCodes.NoGo;
            }
            catch (Exception ex) when (ex is DatabaseException or ArgumentException or SpecException or System.Data.Common.DbException)
            {
                if (ex is SpecException spec)
                {
                    SpecErrorPrinter.Print(console, spec.Errors, Redactor.None);
                }
                else
                {
                    console.MarkupLine($"[red]error[/]: {Markup.Escape(Redactor.None.Redact(ex.Message))}");
                }

                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static Task<(DatabaseSchema Schema, string Label)> ResolveAsync(string source, string specPath, SpecLoadOptions load, string schemas, bool allowSnapshot, CancellationToken cancellationToken) =>
        SchemaSource.ResolveAsync(source, specPath, SchemaSource.ParseList(schemas), allowSnapshot, TimeSpan.FromMinutes(5), cancellationToken, load);

    /// <summary>-f, --var, --env-file and --env, as <c>check</c> reads them: a target's URL is the one <c>check</c> would use.</summary>
    private static SpecOptions SpecOptions()
    {
        var options = new SpecOptions();
        options.File.Description = "The spec whose targets the names refer to.";
        return options;
    }

    private static Option<string> SchemaName() => new("--schema")
    {
        Description = "The PostgreSQL schemas to read, comma-separated (default: every user schema; objects outside the first, or public, are qualified).",
        DefaultValueFactory = _ => "",
        HelpName = "A,B",
    };
}
