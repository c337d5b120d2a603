using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Engine;

namespace Greenlight.Audit;

/// <summary>The <c>greenlight.audit/v1</c> contract: each claim with its line, what it claimed, the judgement and the check behind it.</summary>
internal static class AuditJsonWriter
{
    public static async Task WriteAsync(AuditReport audit, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("schema", AuditReport.SchemaName);
        json.WriteString("document", audit.Document);
        json.WriteString("run_id", audit.Run.RunId);
        json.WriteString("spec", audit.Run.Spec);
        json.WriteString("verdict", VerdictRules.Code(audit.Run.Verdict));
        json.WriteStartObject("counts");
        json.WriteNumber("earned", audit.Earned);
        json.WriteNumber("failed", audit.Failed);
        json.WriteNumber("unproven", audit.Unproven);
        json.WriteEndObject();
        json.WriteStartArray("document_verdicts");
        foreach (var verdict in audit.DocumentVerdicts)
        {
            json.WriteStartObject();
            json.WriteNumber("line", verdict.Line);
            json.WriteString("text", verdict.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("claims");
        foreach (var claim in audit.Claims)
        {
            json.WriteStartObject();
            json.WriteNumber("line", claim.Line);
            json.WriteString("text", claim.Text);
            json.WriteString("claimed", claim.Claimed.ToString().ToLowerInvariant());
            json.WriteString("judgement", claim.Judgement.ToString().ToLowerInvariant());
            if (claim.CheckId is not null)
            {
                json.WriteString("check", claim.CheckId);
            }

            if (claim.Outcome is { } outcome)
            {
                json.WriteString("outcome", outcome.ToString().ToLowerInvariant());
            }

            json.WriteString("why", claim.Why);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
