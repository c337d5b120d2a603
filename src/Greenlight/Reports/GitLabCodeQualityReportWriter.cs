using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Reports;

/// <summary>
/// <c>--format gitlab-codequality</c>: GitLab's code-quality report (<c>artifacts:reports:codequality</c>),
/// a JSON array with one finding per check that matters to the verdict, at the check's spec line (or
/// its checklist line). The fingerprint is the spec and check id only, so GitLab sees the same
/// failing check in two pipelines as one finding, whatever its actual values were.
/// </summary>
internal sealed class GitLabCodeQualityReportWriter(Func<string, string?>? environment = null) : IReportWriter
{
    private readonly Func<string, string?> _environment = environment ?? System.Environment.GetEnvironmentVariable;

    public string Format => "gitlab-codequality";

    public string FileExtension => ".json";

    public async Task WriteAsync(RunReport report, Stream output, CancellationToken cancellationToken)
    {
        var spec = CheckPlaces.RepositoryPath(report.SpecPath, _environment("CI_PROJECT_DIR"));
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        foreach (var result in report.Results)
        {
            var severity = SeverityOf(result);
            if (severity is null)
            {
                continue;
            }

            var (file, line, _) = CheckPlaces.Of(result, spec);
            json.WriteStartObject();
            json.WriteString("description", Description(result, report.Environment));
            json.WriteString("check_name", $"greenlight.{result.Kind.Value}");
            json.WriteString("fingerprint", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"greenlight\n{spec}\n{result.Id}"))));
            json.WriteString("severity", severity);
            json.WriteStartObject("location");
            json.WriteString("path", file);
            json.WriteStartObject("lines");
            json.WriteNumber("begin", Math.Max(1, line));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>GitLab's scale is info, minor, major, critical, blocker: a waived or low finding is info or minor, what blocks is critical or a blocker.</summary>
    private static string? SeverityOf(CheckResult result)
    {
        if (result.IsWaived)
        {
            return "info";
        }

        if (result.SkippedForNeed || VerdictRules.ImpactOf(result) == Impact.None)
        {
            return null;
        }

        if (result.Warned)
        {
            return "minor";
        }

        return result.Severity switch
        {
            Severity.Critical => "blocker",
            Severity.High => "critical",
            Severity.Medium => "major",
            _ => "minor",
        };
    }

    private static string Description(CheckResult result, string? environment)
    {
        var what = result.IsWaived ? $"waived: {result.Waiver!.Describe()}" : result.Warned ? string.Join("; ", result.Warnings) : result.Message ?? VerdictRules.Describe(result.Outcome);
        var text = $"{result.Id}{(result.Title is null ? "" : $" ({result.Title})")}{(environment is null ? "" : $" [{environment}]")}: {what}{(result.Fix is null ? "" : $" Fix: {result.Fix}")}";
        return text.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');
    }
}
