using Greenlight.Catalog;
using Greenlight.Reports;

namespace Greenlight.Mcp.Tools;

/// <summary><c>validate_spec</c> and <c>list_checks</c>: what the spec says, before anything runs.</summary>
internal static class SpecTools
{
    public static McpTool Validate() => new(
        "validate_spec",
        "Validate the spec",
        "Load the spec and report every mistake with file, line and column, without running anything. Answers greenlight.validate/v1 when valid, greenlight.problem/v1 (errors[]) when not.",
        $$"""{ "type": "object", "properties": { {{ToolJson.SpecProperty}}, {{ToolJson.VarsProperty}} }, "additionalProperties": false }""",
        """
        { "type": "object", "properties": {
            "schema": { "type": "string", "enum": ["greenlight.validate/v1", "greenlight.problem/v1"] },
            "valid": { "type": "boolean" },
            "checks": { "type": "integer" },
            "errors": { "type": "array", "items": { "type": "object", "properties": { "file": { "type": "string" }, "line": { "type": "integer" }, "column": { "type": "integer" }, "message": { "type": "string" } }, "required": ["file", "line", "column", "message"] } },
            "warnings": { "type": "array" } },
          "required": ["schema", "warnings"] }
        """,
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var (spec, problem) = await ToolJson.LoadSpecAsync(call, cancellationToken);
            if (spec is null)
            {
                // An invalid spec is the answer, not a failure of the tool.
                return problem! with { IsError = false };
            }

            return new ToolOutput(await ToolJson.WriteAsync(s => ProblemReportWriter.WriteValidAsync(s, spec, spec.Redactor, cancellationToken)));
        })
    { OpenWorld = false };

    public static McpTool List() => new(
        "list_checks",
        "List the spec's checks",
        "The checks the spec declares: id, title, kind, phase, severity, what each needs (needs:), timeout, attempts, the line it is written on, and why it cannot run when its target is unavailable (greenlight.checks/v1).",
        $$"""{ "type": "object", "properties": { {{ToolJson.SpecProperty}}, {{ToolJson.VarsProperty}}, "phase": { "type": "string", "enum": ["pre", "post", "watch"], "description": "Only the checks of this phase." } }, "additionalProperties": false }""",
        """
        { "type": "object", "properties": {
            "schema": { "const": "greenlight.checks/v1" },
            "spec": { "type": "string" },
            "count": { "type": "integer" },
            "checks": { "type": "array", "items": { "type": "object", "properties": {
                "id": { "type": "string" }, "kind": { "type": "string" }, "phase": { "type": "string" }, "severity": { "type": "string" },
                "needs": { "type": "array", "items": { "type": "string" } }, "line": { "type": "integer" } },
              "required": ["id", "kind", "phase", "severity", "needs", "line"] } } },
          "required": ["schema", "spec", "count", "checks"] }
        """,
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var phase = call.Phase();
            var (spec, problem) = await ToolJson.LoadSpecAsync(call, cancellationToken);
            return spec is null ? problem! : new ToolOutput(await ToolJson.WriteAsync(s => CheckCatalog.WriteJsonAsync(spec, phase, s, cancellationToken)));
        })
    { OpenWorld = false };
}
