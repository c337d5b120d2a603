using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Audit;
using Greenlight.Import;

namespace Greenlight.Mcp.Tools;

/// <summary><c>import_checklist</c> and <c>audit_checklist</c>: the use cases of <c>greenlight import</c> and <c>greenlight audit</c>.</summary>
internal static class ChecklistTools
{
    private const string ChecklistProperty = """ "checklist": { "type": "string", "description": "The Markdown checklist, runbook or release review (relative paths: from where greenlight mcp was started)." } """;

    public static McpTool Import() => new(
        "import_checklist",
        "Import a Markdown checklist",
        "Turn a hand-written Markdown checklist into a spec (greenlight.import/v1, field spec_yaml): SQL, curl, psql, alembic and test commands become checks, task items and ✅ claims become manual checks, the rollback plan becomes rollback steps; every item not converted is listed with its line and why. Writes no file: save spec_yaml, then call validate_spec.",
        $$"""{ "type": "object", "properties": { {{ChecklistProperty}} }, "required": ["checklist"], "additionalProperties": false }""",
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.import/v1" }, "document": { "type": "string" }, "items": { "type": "integer" }, "runnable": { "type": "integer" }, "manual": { "type": "integer" }, "rollback_steps": { "type": "integer" }, "not_converted": { "type": "array", "items": { "type": "object", "properties": { "line": { "type": "integer" }, "text": { "type": "string" }, "reason": { "type": "string" } }, "required": ["line", "text", "reason"] } }, "warnings": { "type": "array", "items": { "type": "string" } }, "spec_yaml": { "type": "string" } }, "required": ["schema", "document", "items", "runnable", "manual", "rollback_steps", "not_converted", "warnings", "spec_yaml"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var (yaml, result) = await ChecklistImport.FromFileAsync(call.RequiredString("checklist"), cancellationToken);
            return new ToolOutput(await ToolJson.WriteAsync(async output =>
            {
                await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                json.WriteStartObject();
                json.WriteString("schema", "greenlight.import/v1");
                json.WriteString("document", result.DocumentName);
                json.WriteNumber("items", result.Items);
                json.WriteNumber("runnable", result.Runnable);
                json.WriteNumber("manual", result.Manual);
                json.WriteNumber("rollback_steps", result.Rollback.Count);
                json.WriteStartArray("not_converted");
                foreach (var item in result.NotConverted)
                {
                    json.WriteStartObject();
                    json.WriteNumber("line", item.Line);
                    json.WriteString("text", item.Text);
                    json.WriteString("reason", item.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("warnings");
                foreach (var warning in result.Warnings)
                {
                    json.WriteStringValue(warning);
                }

                json.WriteEndArray();
                json.WriteString("spec_yaml", yaml);
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken);
            }));
        })
    { OpenWorld = false };

    public static McpTool Audit() => new(
        "audit_checklist",
        "Audit a checklist's claims",
        "Judge every ✅ claim of a checklist by a recorded run (greenlight.audit/v1): earned (its check passed), claimed but failed, or claimed without evidence.",
        $$"""{ "type": "object", "properties": { {{ChecklistProperty}}, {{ToolJson.RunProperty}} }, "required": ["checklist"], "additionalProperties": false }""",
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.audit/v1" }, "document": { "type": "string" }, "run_id": { "type": "string" }, "counts": { "type": "object", "properties": { "earned": { "type": "integer" }, "failed": { "type": "integer" }, "unproven": { "type": "integer" } }, "required": ["earned", "failed", "unproven"] } }, "required": ["schema", "document", "run_id", "counts"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var checklist = call.RequiredString("checklist");
            var store = await ToolJson.OpenStoreForReadingAsync(call, cancellationToken);
            var (report, _, _) = await store.LoadAsync(await store.ResolveAsync(call.String("run") ?? "last", cancellationToken), cancellationToken);
            var (audit, _) = await ChecklistAudit.FromFileAsync(checklist, report, cancellationToken);
            return new ToolOutput(await ToolJson.WriteAsync(s => AuditJsonWriter.WriteAsync(audit, s, cancellationToken)));
        })
    { OpenWorld = false };
}
