using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Engine;

namespace Greenlight.Rollback;

/// <summary><c>greenlight.rollback/v1</c>: each step with exit code and output, what did not run, and the verification verdict.</summary>
internal static class RollbackJsonWriter
{
    public const string SchemaName = "greenlight.rollback/v1";

    public static async Task WriteAsync(RollbackReport report, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("schema", SchemaName);
        json.WriteString("run_id", report.RunId);
        json.WriteBoolean("succeeded", report.Succeeded);
        json.WriteBoolean("interrupted", report.Interrupted);
        json.WriteStartArray("steps");
        foreach (var step in report.Steps)
        {
            json.WriteStartObject();
            json.WriteNumber("index", step.Index);
            json.WriteString("name", step.Name);
            json.WriteString("command", step.Command);
            json.WriteBoolean("succeeded", step.Succeeded);
            if (step.ExitCode is int code)
            {
                json.WriteNumber("exit_code", code);
            }

            json.WriteString("stdout", step.Stdout);
            json.WriteString("stderr", step.Stderr);
            json.WriteNumber("duration_ms", step.DurationMs);
            if (step.Message is not null)
            {
                json.WriteString("message", step.Message);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("not_run");
        foreach (var name in report.NotRun)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        if (report.Verification is { } verification)
        {
            json.WriteStartObject("verification");
            json.WriteString("run_id", verification.RunId);
            json.WriteString("verdict", VerdictRules.Code(verification.Verdict));
            json.WriteStartArray("reasons");
            foreach (var reason in verification.Reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("verification");
        }

        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
