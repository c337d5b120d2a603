using Greenlight.Databases;
using Greenlight.Databases.SqlText;

namespace Greenlight.Checks.Migration;

/// <summary>
/// The migration use case, shared by the check and `greenlight migrate plan|lint`: find the files,
/// read what the database has applied, take the pending SQL (from Alembic for an Alembic project),
/// dry-run it in a transaction that is always rolled back, and lint it with what the dry-run saw.
/// </summary>
internal static class MigrationPlanner
{
    public static async Task<MigrationPlan> PlanAsync(MigrationRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        var source = MigrationSource.Open(request.Path, request.Layout);
        var environment = request.ProcessEnvironment();
        var variables = source.Layout == MigrationLayout.Alembic
            ? environment.Keys.Order(StringComparer.Ordinal).Select(n => n == MigrationRequest.TargetVariable && !request.Environment.ContainsKey(n) ? $"{n} (the target's URL)" : n).ToList()
            : new List<string>();
        if (request.Target is null)
        {
            var files = source.Layout == MigrationLayout.Alembic
                ? (await AlembicProject.ReadAsync(source.Root, null, request.Alembic, environment, time, cancellationToken)).Pending
                : [.. source.Files];
            var set = Parse(files);
            return new MigrationPlan
            {
                Source = source,
                Pending = set,
                Head = files.LastOrDefault(f => !f.Repeatable)?.Version,
                Findings = MigrationLinter.Lint(set, null, request.Allow, request.Idempotent, source.Layout, request.RerunnableDeclared),
                ProcessVariables = variables,
            };
        }

        await using var session = request.DryRun
            ? await DatabaseSession.OpenDryRunAsync(request.Target, request.LockTimeout, request.StatementTimeout, cancellationToken)
            : await DatabaseSession.OpenReadOnlyAsync(request.Target, request.StatementTimeout, cancellationToken);
        var state = await MigrationHistory.ReadAsync(session, source.Layout, source.Files, cancellationToken);
        string? head;
        List<MigrationFile> pending;
        if (source.Layout == MigrationLayout.Alembic)
        {
            (head, pending) = await AlembicProject.ReadAsync(source.Root, state.Current, request.Alembic, environment, time, cancellationToken);
        }
        else
        {
            head = source.Files.LastOrDefault(f => !f.Repeatable)?.Version;
            pending = [.. source.Files.Where(f => !MigrationHistory.IsApplied(f, state))];
        }

        var scripts = Parse(pending);
        var dryRun = request.DryRun && scripts.Count > 0
            ? await MigrationDryRun.RunAsync(session, scripts, request.Schema, request.Idempotent, request.LockTimeout, time, cancellationToken)
            : null;
        return new MigrationPlan
        {
            Source = source,
            History = state,
            Head = head,
            Current = state.Current,
            Pending = scripts,
            DryRun = dryRun,
            Findings = MigrationLinter.Lint(scripts, dryRun?.Facts, request.Allow, request.Idempotent, source.Layout, request.RerunnableDeclared),
            RoleWarning = session.RoleWarning,
            ProcessVariables = variables,
        };
    }

    /// <summary>Lints files and folders without a database, each path as its own migration set.</summary>
    public static async Task<List<(string Path, MigrationFile File, SqlScript Script, List<LintFinding> Findings)>> LintAsync(IReadOnlyList<string> paths, IReadOnlyCollection<string> allow, TimeProvider time, CancellationToken cancellationToken)
    {
        var results = new List<(string, MigrationFile, SqlScript, List<LintFinding>)>();
        foreach (var path in paths)
        {
            var plan = await PlanAsync(new MigrationRequest { Path = path, Allow = allow }, time, cancellationToken);
            var single = System.IO.File.Exists(path);
            foreach (var (file, script) in plan.Pending)
            {
                var shown = single ? path : $"{path.TrimEnd('/')}/{file.Display}";
                results.Add((shown, file, script, plan.Findings.Where(f => f.File == file.Display).ToList()));
            }
        }

        return results;
    }

    private static List<(MigrationFile, SqlScript)> Parse(IEnumerable<MigrationFile> files)
    {
        var set = new List<(MigrationFile, SqlScript)>();
        foreach (var file in files)
        {
            try
            {
                set.Add((file, SqlScript.Parse(file.Sql)));
            }
            catch (SqlSyntaxException ex)
            {
                throw new MigrationException($"{file.Display}:{ex.Line}:{ex.Column}: {ex.Message}");
            }
        }

        return set;
    }
}
