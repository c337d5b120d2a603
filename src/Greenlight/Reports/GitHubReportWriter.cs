using System.Text;
using Greenlight.Engine;

namespace Greenlight.Reports;

/// <summary>
/// <c>--format github</c>: one workflow command per check that matters to the verdict (<c>::error</c>
/// for what blocks, <c>::warning</c>, <c>::notice</c> for notes and waivers), each pointing at the
/// check's line in the spec, or at the checklist line an imported check came from; then the verdict.
/// When <c>GITHUB_STEP_SUMMARY</c> names a file, a Markdown job summary is appended to it.
/// </summary>
internal sealed class GitHubReportWriter(Func<string, string?>? environment = null) : IReportWriter
{
    private readonly Func<string, string?> _environment = environment ?? System.Environment.GetEnvironmentVariable;

    public string Format => "github";

    public string FileExtension => ".txt";

    public async Task WriteAsync(RunReport report, Stream output, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var command in Commands(report, _environment("GITHUB_WORKSPACE")))
        {
            text.Append(command).Append('\n');
        }

        await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        if (_environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            await File.AppendAllTextAsync(summary, GitHubStepSummary.Build(report), new UTF8Encoding(false), cancellationToken);
        }
    }

    public static IEnumerable<WorkflowCommand> Commands(RunReport report, string? workspace)
    {
        var spec = CheckPlaces.RepositoryPath(report.SpecPath, workspace);
        foreach (var result in report.Results)
        {
            var level = Level(result);
            if (level is null)
            {
                continue;
            }

            var (file, line, column) = CheckPlaces.Of(result, spec);
            // The toolkit's order (core.error): title, file, line, col.
            var properties = new List<(string, string)> { ("title", Title(result)), ("file", file) };
            if (line > 0)
            {
                properties.Add(("line", line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (column > 0)
            {
                properties.Add(("col", column.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            yield return new WorkflowCommand(level, properties, Message(result, spec));
        }

        var counts = report.Counts;
        var verdict = report.Verdict switch
        {
            Verdict.NoGo => "error",
            Verdict.Go => "notice",
            _ => "warning",
        };
        var why = report.Reasons.Count == 0 ? "" : "\n" + string.Join("\n", report.Reasons.Select(r => "- " + r));
        yield return new WorkflowCommand(verdict, [("title", $"greenlight: {VerdictRules.Spell(report.Verdict)}{(report.Interrupted ? " (interrupted)" : "")}"), ("file", spec)],
            $"{report.Spec}{(report.Environment is null ? "" : $" [{report.Environment}]")}, phase {report.Phase}: {counts.Pass} passed, {counts.Fail} failed, {counts.Error} errors, " +
            $"{counts.Skipped} skipped, {counts.Pending} pending{(counts.Waived > 0 ? $", {counts.Waived} waived" : "")} (run {report.RunId}){why}");
    }

    /// <summary>What blocks is an error; a warning or a pending sign-off a warning; a note or a waiver a notice. A check skipped for a failed need is left to its cause.</summary>
    private static string? Level(CheckResult result)
    {
        if (result.IsWaived)
        {
            return "notice";
        }

        if (result.SkippedForNeed)
        {
            return null;
        }

        return VerdictRules.ImpactOf(result) switch
        {
            Impact.Blocks => "error",
            Impact.Warning => "warning",
            Impact.Note => "notice",
            _ => null,
        };
    }

    private static string Title(CheckResult result) =>
        $"{result.Id} ({result.Severity.Code()}): {(result.IsWaived ? "waived " : "")}{(result.Warned ? "passed with a warning" : VerdictRules.Describe(result.Outcome))}";

    private static string Message(CheckResult result, string spec)
    {
        var lines = new List<string>();
        if (result.Title is not null)
        {
            lines.Add(result.Title);
        }

        if (result.Warned)
        {
            lines.AddRange(result.Warnings);
        }
        else if (result.Message is not null)
        {
            lines.Add(result.Message);
        }

        lines.AddRange(result.Assertions.Where(a => !a.Passed).Select(a => $"{a.Expression}: {a.Note ?? "actual " + a.Actual}"));
        if (result.Waiver is { } waiver)
        {
            lines.Add(waiver.Describe());
        }

        if (result.Fix is not null)
        {
            lines.Add("Fix: " + result.Fix);
        }

        if (result.Source is not null && result.SpecLine > 0)
        {
            lines.Add($"Check `{result.Id}` is at {spec}:{result.SpecLine}.");
        }

        return string.Join("\n", lines.Distinct(StringComparer.Ordinal));
    }
}
