using System.Text;
using Greenlight.Assertions;
using Greenlight.Engine;

namespace Greenlight.Reports;

/// <summary>A release review: verdict and reasons first, then each failure with its evidence and fix, then every area.</summary>
internal sealed class MarkdownReportWriter : IReportWriter
{
    public string Format => "md";

    public string FileExtension => ".md";

    public async Task WriteAsync(RunReport report, Stream output, CancellationToken cancellationToken)
    {
        var md = new StringBuilder();
        var counts = report.Counts;
        md.AppendLine($"# Release review: {report.Spec}");
        md.AppendLine();
        md.AppendLine($"**Verdict: {Icon(report.Verdict)} {VerdictRules.Spell(report.Verdict)}**{(report.Interrupted ? " (interrupted)" : "")}");
        md.AppendLine();
        md.AppendLine($"Phase `{report.Phase}`{(report.Environment is null ? "" : $" · environment `{report.Environment}`")} · run `{report.RunId}` · {JsonReportWriter.Timestamp(report.StartedAt)} · {Units.FormatDuration(report.DurationMs)} · spec `{report.SpecPath}` (sha256 `{report.SpecHash[..12]}`)");
        var who = report.Provenance;
        if (who.User.Length > 0 || who.GitCommit is not null)
        {
            md.AppendLine();
            md.AppendLine($"Run by `{who.User}@{who.Host}`{(who.GitCommit is null ? "" : $" on commit `{who.GitCommit[..Math.Min(12, who.GitCommit.Length)]}`{(who.GitBranch is null ? "" : $" ({who.GitBranch})")}")}");
        }

        md.AppendLine();
        md.AppendLine("| pass | fail | error | skipped | pending | waived |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        md.AppendLine($"| {counts.Pass} | {counts.Fail} | {counts.Error} | {counts.Skipped} | {counts.Pending} | {counts.Waived} |");
        md.AppendLine();

        if (report.Reasons.Count > 0)
        {
            md.AppendLine(report.Verdict == Verdict.NoGo ? "## Why NO-GO" : "## Warnings");
            md.AppendLine();
            foreach (var reason in report.Reasons)
            {
                md.AppendLine($"- {Inline(reason)}");
            }

            md.AppendLine();
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine("## Notes (low severity)");
            md.AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine($"- {Inline(note)}");
            }

            md.AppendLine();
        }

        var failures = report.Results.Where(r => r.Outcome is CheckOutcome.Fail or CheckOutcome.Error).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine("## Failures");
            md.AppendLine();
            foreach (var result in failures)
            {
                WriteFailure(md, result);
            }
        }

        md.AppendLine("## Checks by area");
        md.AppendLine();
        foreach (var area in report.Results.GroupBy(r => r.Area ?? "General"))
        {
            md.AppendLine($"### {area.Key}");
            md.AppendLine();
            md.AppendLine("| | check | kind | severity | time | note |");
            md.AppendLine("| --- | --- | --- | --- | ---: | --- |");
            foreach (var result in area)
            {
                var note = result.Waiver is { } waiver ? $"{waiver.Describe()}{(result.Message is null ? "" : " — " + result.Message)}" : result.Message ?? (result.Flaky ? $"passed on attempt {result.Attempts} (flaky)" : string.Join("; ", result.Warnings));
                md.AppendLine($"| {(result.Warned ? "⚠️" : Icon(result.Outcome))} | `{result.Id}`{(result.Title is null ? "" : " " + Cell(result.Title))} | {result.Kind} | {result.Severity.Code()} | {Units.FormatDuration(result.DurationMs)} | {Cell(note)} |");
            }

            md.AppendLine();
        }

        await output.WriteAsync(Encoding.UTF8.GetBytes(md.ToString()), cancellationToken);
    }

    private static void WriteFailure(StringBuilder md, CheckResult result)
    {
        md.AppendLine($"### {Icon(result.Outcome)} `{result.Id}`{(result.Title is null ? "" : " — " + Inline(result.Title))}");
        md.AppendLine();
        md.AppendLine($"{result.Kind} · {result.Severity.Code()}{(result.Area is null ? "" : " · " + result.Area)} · {(result.Outcome == CheckOutcome.Error ? "could not run" : "failed")} after {result.Attempts} attempt{(result.Attempts == 1 ? "" : "s")}");
        md.AppendLine();
        if (result.Message is not null)
        {
            md.AppendLine($"> {Inline(result.Message)}");
            md.AppendLine();
        }

        if (result.Waiver is { } waiver)
        {
            md.AppendLine($"**{(waiver.Expired ? "Waiver" : "Waived")}:** {Inline(waiver.Describe())}");
            md.AppendLine();
        }

        if (result.Assertions.Count > 0)
        {
            md.AppendLine("| | assertion | actual |");
            md.AppendLine("| --- | --- | --- |");
            foreach (var a in result.Assertions)
            {
                md.AppendLine($"| {(a.Passed ? "✅" : "❌")} | `{Cell(a.Expression)}` | {Cell(a.Note ?? a.Actual ?? "")} |");
            }

            md.AppendLine();
        }

        if (result.Source is not null)
        {
            md.AppendLine($"**From:** {Inline(result.Source)}");
            md.AppendLine();
        }

        if (result.Fix is not null)
        {
            md.AppendLine($"**Fix:** {Inline(result.Fix)}");
            md.AppendLine();
        }

        foreach (var item in result.Evidence)
        {
            md.AppendLine($"<details><summary>Evidence: {item.Name}{(item.FullLength is long n ? $" (first part of {n} characters)" : "")}</summary>");
            md.AppendLine();
            var fence = item.Content.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
            md.AppendLine(fence + "text");
            md.AppendLine(item.Content);
            md.AppendLine(fence);
            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }
    }

    private static string Icon(Verdict verdict) => verdict switch
    {
        Verdict.Go => "🟢",
        Verdict.GoWithWarnings => "🟡",
        Verdict.Hold => "🟠",
        _ => "🔴",
    };

    private static string Icon(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "✅",
        CheckOutcome.Fail => "❌",
        CheckOutcome.Error => "⛔",
        CheckOutcome.Pending => "⏳",
        _ => "⏭️",
    };

    private static string Inline(string text) => text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);
}
