using System.Text;
using Greenlight.Assertions;
using Greenlight.Engine;

namespace Greenlight.Reports;

/// <summary>
/// The Markdown job summary of <c>--format github</c>: verdict, counts and reasons, then what did
/// not pass with its fix. Evidence stays in the report artifact: GitHub takes at most 1 MiB of
/// summary per step, so a longer one is cut with a note.
/// </summary>
internal static class GitHubStepSummary
{
    public const int MaxBytes = 1024 * 1024;

    public static string Build(RunReport report)
    {
        var md = new StringBuilder();
        var counts = report.Counts;
        md.AppendLine($"## Greenlight: {VerdictRules.Spell(report.Verdict)}{(report.Interrupted ? " (interrupted)" : "")}");
        md.AppendLine();
        md.AppendLine($"`{Cell(report.Spec)}` · phase `{report.Phase}`{(report.Environment is null ? "" : $" · environment `{Cell(report.Environment)}`")} · run `{report.RunId}` · {Units.FormatDuration(report.DurationMs)}");
        md.AppendLine();
        md.AppendLine("| pass | fail | error | skipped | pending | waived |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        md.AppendLine($"| {counts.Pass} | {counts.Fail} | {counts.Error} | {counts.Skipped} | {counts.Pending} | {counts.Waived} |");
        md.AppendLine();
        foreach (var reason in report.Reasons)
        {
            md.AppendLine($"- {Inline(reason)}");
        }

        if (report.Reasons.Count > 0)
        {
            md.AppendLine();
        }

        var shown = report.Results.Where(r => r.Outcome != CheckOutcome.Pass || r.Warned || r.IsWaived).ToList();
        if (shown.Count > 0)
        {
            md.AppendLine("| check | severity | outcome | where | detail | fix |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- |");
            var spec = CheckPlaces.RepositoryPath(report.SpecPath, null);
            foreach (var result in shown)
            {
                var where = result.Source ?? (result.SpecLine > 0 ? $"{spec}:{result.SpecLine}" : spec);
                var outcome = result.IsWaived ? "waived" : result.Warned ? "warning" : JsonReportWriter.OutcomeName(result.Outcome);
                var detail = result.Warned ? string.Join("; ", result.Warnings) : result.Message ?? "";
                var line = $"| `{Cell(result.Id)}` | {result.Severity.Code()} | {outcome} | {Cell(where)} | {Cell(Shorten(detail))} | {Cell(Shorten(result.Fix ?? ""))} |";
                if (Encoding.UTF8.GetByteCount(md.ToString()) + Encoding.UTF8.GetByteCount(line) > MaxBytes - 200)
                {
                    md.AppendLine();
                    md.AppendLine($"… {shown.Count - shown.IndexOf(result)} more rows cut (GitHub keeps 1 MiB of summary): see the report artifact.");
                    break;
                }

                md.AppendLine(line);
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static string Inline(string text) => text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);
}
