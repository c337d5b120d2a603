using Greenlight.Releases;
using Greenlight.Reports;

namespace Greenlight.Mcp.Tools;

/// <summary><c>run_checks</c>: the release check itself, through the same use case as <c>greenlight check</c>.</summary>
internal static class RunTools
{
    public const string ReportSchema = """
        { "type": "object", "properties": {
            "schema": { "const": "greenlight.report/v1" },
            "run_id": { "type": "string" },
            "verdict": { "type": "string", "enum": ["go", "go_with_warnings", "no_go"] },
            "interrupted": { "type": "boolean" },
            "reasons": { "type": "array", "items": { "type": "string" } },
            "counts": { "type": "object" },
            "results": { "type": "array", "items": { "type": "object", "properties": {
                "id": { "type": "string" }, "kind": { "type": "string" }, "phase": { "type": "string" }, "outcome": { "type": "string" },
                "assertions": { "type": "array" }, "evidence": { "type": "array" } },
              "required": ["id", "kind", "phase", "outcome", "assertions", "evidence"] } } },
          "required": ["schema", "run_id", "verdict", "interrupted", "reasons", "counts", "results"] }
        """;

    public static McpTool Run() => new(
        "run_checks",
        "Run the release checks",
        "Run the spec's checks (a phase: pre before deploying, post after, watch; or only some ids, with what they need) and answer the report (greenlight.report/v1): the verdict GO / GO WITH WARNINGS / NO-GO with reasons, and per check its outcome, assertions (actual vs expected), evidence and fix. The run is recorded in the store unless no_store. Sends a progress notification as each check finishes when the call has a progress token.",
        $$"""
        { "type": "object", "properties": {
            {{ToolJson.SpecProperty}}, {{ToolJson.VarsProperty}},
            "phase": { "type": "string", "enum": ["pre", "post", "watch"], "description": "Only the checks of this phase (and what they need). Default: every check." },
            "only": { "type": "array", "items": { "type": "string" }, "description": "Only these check ids (and what they need)." },
            "evidence_limit": { "type": "integer", "minimum": 256, "maximum": 16777216, "description": "Cut each evidence item beyond this many bytes (default 65536)." },
            "no_store": { "type": "boolean", "description": "Do not record this run." } },
          "additionalProperties": false }
        """,
        ReportSchema,
        ReadOnly: false,
        async (call, cancellationToken) =>
        {
            var phase = call.Phase();
            var only = call.Strings("only");
            var limit = call.Int("evidence_limit", 64 * 1024, 256, 16 * 1024 * 1024);
            var progress = call.WantsProgress ? new ProgressObserver(call) : null;
            ReleaseCheckOutcome outcome;
            try
            {
                outcome = await ReleaseCheck.RunAsync(new ReleaseCheckRequest
                {
                    SpecPath = call.SpecPath,
                    LoadOptions = call.LoadOptions(),
                    Phase = phase,
                    Only = only,
                    EvidenceLimit = limit,
                    Store = call.Settings.Store,
                    NoStore = call.Bool("no_store"),
                    Time = call.Settings.Time,
                    Observer = progress,

                    // Never asks anyone: an agent cannot answer a sign-off prompt.
                    Prompter = null,
                }, cancellationToken);
            }
            finally
            {
                if (progress is not null)
                {
                    await progress.CompleteAsync();
                }
            }

            switch (outcome.Status)
            {
                case ReleaseCheckStatus.SpecInvalid:
                    var count = outcome.SpecErrors.Count;
                    return await ToolJson.ProblemAsync("spec", $"{count} error{(count == 1 ? "" : "s")} in the spec; nothing was run.", outcome.SpecErrors, outcome.Redactor, cancellationToken);
                case ReleaseCheckStatus.BadRequest:
                    return await ToolJson.ProblemAsync("usage", outcome.Error!, [], outcome.Redactor, cancellationToken);
                case ReleaseCheckStatus.StoreUnavailable:
                    return await ToolJson.ProblemAsync("store", outcome.Error!, [], outcome.Redactor, cancellationToken);
            }

            var writer = new JsonReportWriter();
            return new ToolOutput(await ToolJson.WriteAsync(s => writer.WriteAsync(outcome.Report!, s, cancellationToken)));
        });
}
