using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
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

    private static void WriteResult(Utf8JsonWriter json, CheckResult result)
    {
        json.WriteStartObject();
        json.WriteString("id", result.Id);
        WriteOptional(json, "title", result.Title);
        json.WriteString("kind", result.Kind);
        json.WriteString("phase", result.Phase);
        json.WriteString("severity", result.Severity);
        WriteOptional(json, "area", result.Area);
        json.WriteString("outcome", OutcomeName(result.Outcome));
        json.WriteBoolean("flaky", result.Flaky);
        json.WriteString("started_at", Timestamp(result.StartedAt));
        json.WriteNumber("duration_ms", result.DurationMs);
        json.WriteNumber("attempts", result.Attempts);
        WriteOptional(json, "message", result.Message);
        WriteOptional(json, "fix", result.Fix);
        WriteStrings(json, "warnings", result.Warnings);
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
            WriteLiteral(json, "actual", assertion.Actual);
            WriteLiteral(json, "expected", assertion.Expected);
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
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Numbers, booleans and null are written as JSON values (503, not "503"); anything else as text.</summary>
    private static void WriteLiteral(Utf8JsonWriter json, string name, string? display)
    {
        if (display is null)
        {
            return;
        }

        if (display is "true" or "false")
        {
            json.WriteBoolean(name, display == "true");
        }
        else if (display == "null")
        {
            json.WriteNull(name);
        }
        else if (double.TryParse(display, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && char.IsAsciiDigit(display[^1]))
        {
            json.WriteNumber(name, number);
        }
        else if (display.Length >= 2 && display[0] == '"' && display[^1] == '"')
        {
            try
            {
                json.WriteString(name, JsonSerializer.Deserialize<string>(display));
            }
            catch (JsonException)
            {
                json.WriteString(name, display);
            }
        }
        else
        {
            json.WriteString(name, display);
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
