using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Engine;
using Greenlight.Reports;

namespace Greenlight.Explain;

/// <summary><c>greenlight.explain/v1</c>: the failures of a run with actual vs expected, the fix, the last pass and what changed since.</summary>
internal static class FailureExplanationJsonWriter
{
    public const string SchemaName = "greenlight.explain/v1";

    public static async Task WriteAsync(RunReport run, IReadOnlyList<ExplainedFailure> failures, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        json.WriteString("run_id", run.RunId);
        json.WriteString("verdict", VerdictRules.Code(run.Verdict));
        json.WriteString("started_at", JsonReportWriter.Timestamp(run.StartedAt));
        json.WriteNumber("count", failures.Count);
        json.WriteStartArray("failures");
        foreach (var failure in failures)
        {
            var result = failure.Result;
            json.WriteStartObject();
            json.WriteString("id", result.Id);
            if (result.Title is not null)
            {
                json.WriteString("title", result.Title);
            }

            json.WriteString("kind", result.Kind.Value);
            json.WriteString("severity", result.Severity.Code());
            json.WriteString("outcome", result.Outcome.Code());
            if (result.Message is not null)
            {
                json.WriteString("message", result.Message);
            }

            if (result.Source is not null)
            {
                json.WriteString("source", result.Source);
            }

            json.WriteStartArray("failed_assertions");
            foreach (var assertion in failure.FailedAssertions)
            {
                json.WriteStartObject();
                json.WriteString("expr", assertion.Expression);
                WriteOptional(json, "actual", assertion.Actual);
                WriteOptional(json, "expected", assertion.Expected);
                WriteOptional(json, "note", assertion.Note);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteOptional(json, "fix", result.Fix);
            if (failure.RootCause is { } root)
            {
                json.WriteStartObject("root_cause");
                json.WriteString("id", root.Id);
                json.WriteString("outcome", root.Outcome.Code());
                WriteOptional(json, "message", root.Message);
                json.WriteEndObject();
            }

            if (failure.LastPassed is { } pass)
            {
                json.WriteStartObject("last_passed");
                json.WriteString("run_id", pass.RunId);
                json.WriteString("started_at", JsonReportWriter.Timestamp(pass.StartedAt));
                WriteOptional(json, "git_commit", pass.Provenance.GitCommit);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("last_passed");
            }

            json.WriteStartArray("changed_since");
            foreach (var change in failure.ChangedSince)
            {
                json.WriteStringValue(change);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
