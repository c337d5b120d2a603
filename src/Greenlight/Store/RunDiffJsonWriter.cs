using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Engine;

namespace Greenlight.Store;

/// <summary><c>greenlight.diff/v1</c>: <see cref="RunDiff"/> as JSON, for agents and CI.</summary>
internal static class RunDiffJsonWriter
{
    public const string SchemaName = "greenlight.diff/v1";

    public static async Task WriteAsync(RunReport before, RunReport after, RunDiff diff, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        Run(json, "a", before);
        Run(json, "b", after);
        json.WriteBoolean("regressions_found", diff.HasRegressions);
        json.WriteStartArray("regressions");
        foreach (var (was, now) in diff.NewlyFailing)
        {
            json.WriteStartObject();
            json.WriteString("id", now.Id);
            json.WriteString("severity", now.Severity.Code());
            json.WriteString("before", was is null ? "new" : was.Outcome.Code());
            json.WriteString("after", now.Outcome.Code());
            if (now.Message is not null)
            {
                json.WriteString("message", now.Message);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        Pairs(json, "fixed", diff.Fixed);
        Pairs(json, "still_failing", diff.StillFailing);
        Ids(json, "added", diff.Added);
        Ids(json, "removed", diff.Removed);
        json.WriteStartArray("changed_values");
        foreach (var (id, expression, was, now) in diff.ChangedValues)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("expr", expression);
            json.WriteString("before", was);
            json.WriteString("after", now);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("changed_durations");
        foreach (var (id, was, now) in diff.ChangedDurations)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteNumber("before_ms", was);
            json.WriteNumber("after_ms", now);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static void Run(Utf8JsonWriter json, string name, RunReport report)
    {
        json.WriteStartObject(name);
        json.WriteString("run_id", report.RunId);
        json.WriteString("verdict", VerdictRules.Code(report.Verdict));
        json.WriteString("started_at", Reports.JsonReportWriter.Timestamp(report.StartedAt));
        json.WriteEndObject();
    }

    private static void Pairs(Utf8JsonWriter json, string name, IReadOnlyList<(CheckResult Before, CheckResult After)> pairs)
    {
        json.WriteStartArray(name);
        foreach (var (was, now) in pairs)
        {
            json.WriteStartObject();
            json.WriteString("id", now.Id);
            json.WriteString("before", was?.Outcome.Code() ?? "new");
            json.WriteString("after", now.Outcome.Code());
            if (now.Message is not null)
            {
                json.WriteString("message", now.Message);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Ids(Utf8JsonWriter json, string name, IReadOnlyList<CheckResult> results)
    {
        json.WriteStartArray(name);
        foreach (var result in results)
        {
            json.WriteStringValue(result.Id);
        }

        json.WriteEndArray();
    }
}
