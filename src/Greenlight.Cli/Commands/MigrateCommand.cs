using System.CommandLine;
using Greenlight.Checks.Migration;
using Greenlight.Databases;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight migrate plan|lint</c>: the migration check's analysis without a spec.</summary>
internal static class MigrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("migrate", "Dry-run and lint database migrations without a spec: what is pending, what it changes and locks, which hazards it carries.");
        command.Subcommands.Add(CreateLint(stdout, stderr));
        command.Subcommands.Add(CreatePlan(stdout, stderr));
        return command;
    }

    private static Command CreateLint(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Migration files or folders (each folder is one migration set, in the order its tool applies it).", Arity = ArgumentArity.OneOrMore };
        var format = Format();
        var allow = Allow();
        var command = new Command("lint", "Lint migrations without a database. Exit 0 when no finding is high or critical, 1 otherwise, 2 for bad input.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(allow);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ValidAllow(parse.GetValue(allow) ?? [], stderr))
            {
                return ExitCodes.BadInput;
            }

            List<(string Path, MigrationFile File, Databases.SqlText.SqlScript Script, List<LintFinding> Findings)> results;
            try
            {
                results = await MigrationPlanner.LintAsync(parse.GetValue(paths)!, parse.GetValue(allow) ?? [], TimeProvider.System, cancellationToken);
            }
            catch (MigrationException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(format) == "json")
            {
                await stdout.WriteLineAsync(MigrationJson.Lint(results));
            }
            else
            {
                foreach (var (path, _, script, findings) in results)
                {
                    await stdout.WriteLineAsync($"{path}: {script.Statements.Count} statement{(script.Statements.Count == 1 ? "" : "s")}, {findings.Count} finding{(findings.Count == 1 ? "" : "s")}");
                    foreach (var f in findings)
                    {
                        await stdout.WriteLineAsync($"  {path}:{f.Line}:{f.Column} {f.Severity.ToString().ToLowerInvariant()} {f.Rule}: {f.Message}");
                        await stdout.WriteLineAsync($"    {f.Statement}");
                        await stdout.WriteLineAsync($"    fix: {f.Fix}");
                    }
                }

                var all = results.SelectMany(r => r.Findings).ToList();
                await stdout.WriteLineAsync($"{results.Count} file{(results.Count == 1 ? "" : "s")}, {all.Count} finding{(all.Count == 1 ? "" : "s")} ({all.Count(f => f.Blocks)} high or critical)");
            }

            return results.Any(r => r.Findings.Any(f => f.Blocks)) ? ExitCodes.NoGo : ExitCodes.Go;
        });
        return command;
    }

    private static Command CreatePlan(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("PATH") { Description = "A migration file or folder, or an Alembic project (the folder with alembic.ini)." };
        var target = new Option<string?>("--target") { Description = "A PostgreSQL URL: read what is applied and dry-run the pending SQL in a transaction that is always rolled back. Without it, only lint.", HelpName = "URL" };
        var layout = new Option<string>("--layout") { Description = "auto (default), plain, supabase, flyway, timestamped or alembic.", DefaultValueFactory = _ => "auto" };
        layout.AcceptOnlyFromAmong("auto", "plain", "supabase", "flyway", "timestamped", "alembic");
        var once = new Option<bool>("--once") { Description = "The tool never re-runs a file (Alembic, Flyway): skip the second run and the IF NOT EXISTS rule." };
        var format = Format();
        var allow = Allow();
        var command = new Command("plan", "Show what the pending migrations will do: per statement the changes, locks on tables of what size, time taken in the dry-run, and lint findings. Exit 0 when it applies cleanly, 1 when it fails or has high findings, 2 for bad input.");
        command.Arguments.Add(path);
        foreach (var option in new Option[] { target, layout, once, format, allow })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ValidAllow(parse.GetValue(allow) ?? [], stderr))
            {
                return ExitCodes.BadInput;
            }

            var chosen = Enum.Parse<MigrationLayout>(parse.GetValue(layout)!, ignoreCase: true);

            MigrationPlan plan;
            try
            {
                var url = parse.GetValue(target);
                plan = await MigrationPlanner.PlanAsync(new MigrationRequest
                {
                    Path = parse.GetValue(path)!,
                    Layout = chosen,
                    Target = url is null ? null : DatabaseTarget.Parse(url, Directory.GetCurrentDirectory()),
                    Idempotent = !parse.GetValue(once),
                    Allow = parse.GetValue(allow) ?? [],
                }, TimeProvider.System, cancellationToken);
            }
            catch (Exception ex) when (ex is MigrationException or ArgumentException)
            {
                await stderr.WriteLineAsync($"error: {Redactor.None.Redact(ex.Message)}");
                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is DatabaseException or System.Data.Common.DbException)
            {
                await stderr.WriteLineAsync($"error: {Redactor.None.Redact(ex.Message)}");
                return ExitCodes.NoGo;
            }

            if (parse.GetValue(format) == "json")
            {
                await stdout.WriteLineAsync(MigrationJson.Plan(plan));
            }
            else
            {
                await stdout.WriteLineAsync(MigrationPlanText.Summary(plan));
                if (plan.DryRun is { } run)
                {
                    await stdout.WriteLineAsync();
                    await stdout.WriteLineAsync(MigrationPlanText.DryRun(run));
                    await stdout.WriteLineAsync();
                    await stdout.WriteLineAsync("changes:");
                    await stdout.WriteLineAsync(MigrationPlanText.Changes(run));
                }

                await stdout.WriteLineAsync();
                await stdout.WriteLineAsync("lint:");
                await stdout.WriteLineAsync(MigrationPlanText.Findings(plan.Findings));
                if (plan.RoleWarning is not null)
                {
                    await stdout.WriteLineAsync($"warning: {plan.RoleWarning}");
                }
            }

            var failed = plan.DryRun is { } dry && (dry.Failure is not null || dry.NotIdempotent is not null);
            return failed || plan.Findings.Any(f => f.Blocks) ? ExitCodes.NoGo : ExitCodes.Go;
        });
        return command;
    }

    private static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "console (default) or json.", DefaultValueFactory = _ => "console", HelpName = "console|json" };
        format.AcceptOnlyFromAmong("console", "json");
        return format;
    }

    private static Option<string[]> Allow() => new("--allow") { Description = "A lint rule id to turn off (repeat for more).", HelpName = "RULE", AllowMultipleArgumentsPerToken = true };

    private static bool ValidAllow(string[] allow, TextWriter stderr)
    {
        var unknown = allow.Where(a => LintRules.Find(a) is null).ToList();
        if (unknown.Count == 0)
        {
            return true;
        }

        stderr.WriteLine($"error: --allow: no lint rule {string.Join(", ", unknown)} (rules: {string.Join(", ", LintRules.All.Select(r => r.Id))})");
        return false;
    }
}
