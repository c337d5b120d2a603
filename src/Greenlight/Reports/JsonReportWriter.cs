using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Assertions;
using Greenlight.Engine;

namespace Greenlight.Reports;

/// <summary>
/// The <c>greenlight.report/v1</c> contract that CI jobs and coding agents read. Fields may be
/// added; none is renamed or removed without a new schema name.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public string FileExtension => ".json";

    public async Task WriteAsync(RunReport report, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("schema", RunReport.SchemaName);
        json.WriteString("run_id", report.RunId);
        json.WriteString("spec", report.Spec);
        json.WriteString("spec_path", report.SpecPath);
        json.WriteString("spec_hash", report.SpecHash);
        json.WriteString("phase", report.Phase);
        WriteOptional(json, "environment", report.Environment);
        json.WriteStartObject("context");
        json.WriteString("user", report.Provenance.User);
        json.WriteString("host", report.Provenance.Host);
        WriteOptional(json, "git_commit", report.Provenance.GitCommit);
        WriteOptional(json, "git_branch", report.Provenance.GitBranch);
        json.WriteEndObject();
        json.WriteString("verdict", VerdictRules.Code(report.Verdict));
        json.WriteBoolean("interrupted", report.Interrupted);
        WriteStrings(json, "reasons", report.Reasons);
        WriteStrings(json, "notes", report.Notes);
        json.WriteString("started_at", Timestamp(report.StartedAt));
        json.WriteString("finished_at", Timestamp(report.FinishedAt));
        json.WriteNumber("duration_ms", report.DurationMs);
        json.WriteString("duration", Units.FormatDuration(report.DurationMs));
        var counts = report.Counts;
        json.WriteStartObject("counts");
        json.WriteNumber("pass", counts.Pass);
        json.WriteNumber("fail", counts.Fail);
        json.WriteNumber("error", counts.Error);
        json.WriteNumber("skipped", counts.Skipped);
        json.WriteNumber("pending", counts.Pending);
        json.WriteNumber("waived", counts.Waived);
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var result in report.Results)
        {
            WriteResult(json, result);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    internal static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static string OutcomeName(CheckOutcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>One result object of the report contract; also the body of <c>get_check</c> (CheckReportWriter).</summary>
    internal static void WriteResult(Utf8JsonWriter json, CheckResult result)
    {
        json.WriteStartObject();
        json.WriteString("id", result.Id);
        WriteOptional(json, "title", result.Title);
        json.WriteString("kind", result.Kind.Value);
        json.WriteString("phase", result.Phase.Code());
        json.WriteString("severity", result.Severity.Code());
        WriteOptional(json, "area", result.Area);
        WriteOptional(json, "source", result.Source);
        if (result.SpecLine > 0)
        {
            json.WriteNumber("spec_line", result.SpecLine);
        }
        json.WriteString("outcome", OutcomeName(result.Outcome));
        json.WriteString("impact", VerdictRules.ImpactOf(result).ToString().ToLowerInvariant());
        json.WriteBoolean("flaky", result.Flaky);
        json.WriteString("started_at", Timestamp(result.StartedAt));
        json.WriteNumber("duration_ms", result.DurationMs);
        json.WriteString("duration", Units.FormatDuration(result.DurationMs));
        json.WriteNumber("attempts", result.Attempts);
        WriteOptional(json, "message", result.Message);
        WriteOptional(json, "fix", result.Fix);
        WriteStrings(json, "warnings", result.Warnings);
        if (result.BlockedBy.Count > 0)
        {
            WriteStrings(json, "blocked_by", result.BlockedBy);
        }

        if (result.Waiver is { } waiver)
        {
            json.WriteStartObject("waiver");
            json.WriteString("text", waiver.Describe());
            json.WriteString("justification", waiver.Justification);
            json.WriteString("expires", waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteBoolean("run", waiver.Run);
            json.WriteBoolean("expired", waiver.Expired);
            json.WriteBoolean("covers", result.IsWaived);
            json.WriteEndObject();
        }

        json.WriteStartArray("assertions");
        foreach (var assertion in result.Assertions)
        {
            json.WriteStartObject();
            json.WriteString("expr", assertion.Expression);
            json.WriteBoolean("passed", assertion.Passed);
            WriteValue(json, "actual", assertion.ActualValue, assertion.Actual);
            WriteValue(json, "expected", assertion.ExpectedValue, assertion.Expected);
            WriteOptional(json, "note", assertion.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("evidence");
        foreach (var item in result.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("name", item.Name);
            json.WriteString("content", item.Content);
            if (item.FullLength is long full)
            {
                json.WriteNumber("full_length", full);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("captures");
        foreach (var (name, value) in result.Captures.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WriteStartArray("attempt_log");
        foreach (var attempt in result.AttemptLog)
        {
            json.WriteStartObject();
            json.WriteNumber("number", attempt.Number);
            json.WriteString("outcome", OutcomeName(attempt.Outcome));
            WriteOptional(json, "message", attempt.Message);
            json.WriteNumber("duration_ms", attempt.DurationMs);
            json.WriteString("duration", Units.FormatDuration(attempt.DurationMs));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// Numbers, booleans and null as JSON values (503, not "503"); a duration or size as its text
    /// with the number beside it (<c>actual_ms</c>, <c>actual_bytes</c>). Text without a typed value
    /// (a kind's own finding) is written as it is, never parsed back.
    /// </summary>
    private static void WriteValue(Utf8JsonWriter json, string name, ReportedValue? value, string? display)
    {
        switch (value?.Kind)
        {
            case null:
                WriteOptional(json, name, display);
                break;
            case ValueKind.Bool:
                json.WriteBoolean(name, value.Bool == true);
                break;
            case ValueKind.Number:
                json.WriteNumber(name, value.Number ?? 0);
                break;
            case ValueKind.Null:
                json.WriteNull(name);
                break;
            case ValueKind.String:
                json.WriteString(name, value.Text ?? "");
                break;
            case ValueKind.Duration:
                json.WriteString(name, display ?? Units.FormatDuration(value.Number ?? 0));
                json.WriteNumber(name + "_ms", value.Number ?? 0);
                break;
            case ValueKind.Size:
                json.WriteString(name, display ?? Units.FormatSize(value.Number ?? 0));
                json.WriteNumber(name + "_bytes", value.Number ?? 0);
                break;
            default:
                WriteOptional(json, name, display);
                break;
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
