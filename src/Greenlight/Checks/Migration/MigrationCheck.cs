using System.Data.Common;
using Greenlight.Assertions;
using Greenlight.Databases;

namespace Greenlight.Checks.Migration;

internal sealed class MigrationCheck(MigrationSettings settings) : ICheck
{
    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        DatabaseTarget? database = null;
        if (settings.Target is not null)
        {
            try
            {
                database = DatabaseTarget.Parse(settings.Target, context.SpecDirectory);
            }
            catch (ArgumentException ex)
            {
                return Observation.Failed(ex.Message);
            }
        }

        var alembic = settings.Alembic is { } command && command.Contains('/', StringComparison.Ordinal) ? context.ResolvePath(command) : settings.Alembic;
        var request = new MigrationRequest
        {
            Path = context.ResolvePath(settings.Path),
            Layout = settings.Layout,
            Target = database,
            Schema = settings.Schema,
            DryRun = settings.DryRun,
            Idempotent = settings.Idempotent,
            RerunnableDeclared = settings.IdempotentDeclared,
            LockTimeout = settings.LockTimeout,
            StatementTimeout = settings.StatementTimeout,
            Allow = settings.Allow,
            Alembic = alembic,
            Environment = settings.Environment.ToDictionary(e => e.Name, e => context.Expand(e.Value), StringComparer.Ordinal),
        };

        MigrationPlan plan;
        try
        {
            plan = await MigrationPlanner.PlanAsync(request, context.Time, cancellationToken);
        }
        catch (Exception ex) when (ex is MigrationException or DatabaseException)
        {
            return Observation.Failed(ex.Message);
        }
        catch (DbException ex) when (!cancellationToken.IsCancellationRequested && database is not null)
        {
            return Observation.Failed(DatabaseSession.Describe(ex, database, settings.StatementTimeout));
        }

        var evidence = new List<EvidenceItem> { new("migrations", MigrationPlanText.Summary(plan)) };
        if (plan.DryRun is { } run)
        {
            evidence.Add(EvidenceItem.Bounded("dry-run", MigrationPlanText.DryRun(run)));
            evidence.Add(new EvidenceItem("changes", MigrationPlanText.Changes(run)));
            if (run.Blocked is not null)
            {
                return Observation.Failed(run.Blocked, [.. evidence]);
            }
        }

        evidence.Add(EvidenceItem.Bounded("lint", MigrationPlanText.Findings(plan.Findings)));
        var observation = new Observation { Subjects = new MigrationSubjects(plan) };
        observation.Evidence.AddRange(evidence);
        if (plan.DryRun is { } dry)
        {
            observation.Findings.Add(new AssertionResult("the pending migrations apply", dry.Failure is null, null, null, dry.Failure));
            if (settings.Idempotent)
            {
                observation.Findings.Add(new AssertionResult("running them twice is safe", dry.Failure is null && dry.NotIdempotent is null, null, null, dry.NotIdempotent ?? (dry.Failure is null ? null : "not tried: the first run failed")));
            }
        }

        foreach (var finding in plan.Findings)
        {
            if (finding.Blocks)
            {
                observation.Findings.Add(new AssertionResult($"{finding.Rule} at {finding.Location}", false, null, null, $"{finding.Message}. Fix: {finding.Fix}"));
            }
            else if (finding.Severity == Spec.Severity.Medium)
            {
                observation.Warnings.Add($"{finding.Rule} at {finding.Location}: {finding.Message}");
            }
        }

        if (plan.RoleWarning is not null)
        {
            observation.Warnings.Add(plan.RoleWarning);
        }

        return observation;
    }

    private sealed class MigrationSubjects(MigrationPlan plan) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "pending" => AssertionValue.FromNumber(plan.Pending.Count),
            "pending_files" => Strings(plan.Pending.Select(p => p.File.Display)),
            "head" => plan.Head is null ? AssertionValue.MissingBecause("there are no migrations") : AssertionValue.FromString(plan.Head),
            "current" => plan.Current is null ? AssertionValue.MissingBecause(plan.History?.Source ?? "no database to read the history from") : AssertionValue.FromString(plan.Current),
            "changes" => DryRunList(r => r.Changes),
            "added_columns" => DryRunList(r => r.AddedColumns),
            "dropped_columns" => DryRunList(r => r.DroppedColumns),
            "dropped_tables" => DryRunList(r => r.DroppedTables),
            "findings" => Strings(plan.Findings.Select(f => f.Rule)),
            _ => AssertionValue.Missing,
        };

        private AssertionValue DryRunList(Func<DryRunReport, List<string>> list) =>
            plan.DryRun is { } run ? Strings(list(run))
            : plan.Pending.Count == 0 ? Strings([])
            : AssertionValue.MissingBecause("no dry-run ran (no target, or dry_run: false)");

        private static AssertionValue Strings(IEnumerable<string> values) => AssertionValue.FromList([.. values.Select(AssertionValue.FromString)]);
    }
}
