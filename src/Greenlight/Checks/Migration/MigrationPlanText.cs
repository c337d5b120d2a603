using System.Text;
using Greenlight.Assertions;

namespace Greenlight.Checks.Migration;

/// <summary>A migration plan as text, for the check's evidence and `migrate plan`'s console output.</summary>
internal static class MigrationPlanText
{
    public static string Summary(MigrationPlan plan)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"layout: {plan.Source.Layout.ToString().ToLowerInvariant()} ({plan.Source.Reason})");
        if (plan.History is not null)
        {
            sb.AppendLine($"history: {plan.History.Source}");
        }

        if (plan.ProcessVariables.Count > 0)
        {
            sb.AppendLine($"alembic env: {string.Join(", ", plan.ProcessVariables)}");
        }

        sb.AppendLine($"current: {plan.Current ?? "(none)"}");
        sb.AppendLine($"head: {plan.Head ?? "(none)"}");
        sb.AppendLine($"pending: {plan.Pending.Count}{(plan.Pending.Count == 0 ? "" : ": " + string.Join(", ", plan.Pending.Select(p => p.File.Display)))}");
        return sb.ToString().TrimEnd();
    }

    public static string DryRun(DryRunReport report)
    {
        var sb = new StringBuilder($"dry-run in one transaction, rolled back, in {Units.FormatDuration(report.Duration.TotalMilliseconds)}\n");
        foreach (var entry in report.Statements)
        {
            var state = entry.Error is not null ? $"FAILED: {entry.Error}"
                : entry.NotRun is not null ? entry.NotRun
                : entry.Ran ? Units.FormatDuration(entry.Duration.TotalMilliseconds)
                : "not reached";
            sb.AppendLine($"{entry.Number,3}. {entry.Where}  {entry.Statement.OneLine(90)}");
            sb.AppendLine($"     {state}");
            foreach (var lockTaken in entry.Locks)
            {
                sb.AppendLine($"     takes {lockTaken}");
            }
        }

        if (report.Failure is not null)
        {
            sb.AppendLine(report.Failure);
        }

        if (report.NotIdempotent is not null)
        {
            sb.AppendLine(report.NotIdempotent);
        }

        foreach (var note in report.Notes)
        {
            sb.AppendLine($"note: {note}");
        }

        return sb.ToString().TrimEnd();
    }

    public static string Changes(DryRunReport report) =>
        report.Changes.Count == 0 ? "no schema change" : string.Join('\n', report.Changes);

    public static string Findings(IReadOnlyList<LintFinding> findings) =>
        findings.Count == 0 ? "no finding" : string.Join('\n', findings.Select(f => $"{f.Location} {f.Severity.ToString().ToLowerInvariant()} {f.Rule}: {f.Message}\n  {f.Statement}\n  fix: {f.Fix}"));
}
