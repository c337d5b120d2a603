using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Engine;
using Greenlight.Explain;
using Greenlight.Reports;
using Greenlight.Store;

namespace Greenlight.Mcp.Tools;

/// <summary>Tools that read recorded runs: <c>list_runs</c>, <c>get_run</c>, <c>get_check</c>, <c>diff_runs</c>, <c>explain_failure</c>.</summary>
internal static class StoreTools
{
    public static McpTool ListRuns() => new(
        "list_runs",
        "List recorded runs",
        "The most recent recorded runs, newest first (as greenlight history): id, phase, verdict, counts, when, commit.",
        """{ "type": "object", "properties": { "limit": { "type": "integer", "minimum": 1, "maximum": 500, "description": "How many runs (default 20)." } }, "additionalProperties": false }""",
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.runs/v1" }, "runs": { "type": "array", "items": { "type": "object", "properties": { "run_id": { "type": "string" }, "status": { "type": "string" } }, "required": ["run_id", "status"] } } }, "required": ["schema", "runs"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var limit = call.Int("limit", 20, 1, 500);
            var store = await ToolJson.OpenStoreForReadingAsync(call, cancellationToken);
            var runs = await store.ListRunsAsync(limit, cancellationToken);
            return new ToolOutput(await ToolJson.WriteAsync(async output =>
            {
                await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                json.WriteStartObject();
                json.WriteString("schema", "greenlight.runs/v1");
                json.WriteStartArray("runs");
                foreach (var run in runs)
                {
                    json.WriteStartObject();
                    json.WriteString("run_id", run.Id);
                    json.WriteString("spec", run.Spec);
                    json.WriteString("phase", run.Phase);
                    json.WriteString("status", run.Status.ToString().ToLowerInvariant());
                    if (run.Verdict is { } verdict)
                    {
                        json.WriteString("verdict", VerdictRules.Code(verdict));
                    }

                    json.WriteString("started_at", JsonReportWriter.Timestamp(run.StartedAt));
                    json.WriteNumber("planned", run.Planned);
                    json.WriteNumber("pass", run.Counts.Pass);
                    json.WriteNumber("fail", run.Counts.Fail);
                    json.WriteNumber("error", run.Counts.Error);
                    if (run.GitCommit is not null)
                    {
                        json.WriteString("git_commit", run.GitCommit);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken);
            }));
        })
    { OpenWorld = false };

    public static McpTool GetRun() => new(
        "get_run",
        "Get a recorded run",
        "The report of a recorded run (greenlight.report/v1), exactly as run_checks answered it.",
        $$"""{ "type": "object", "properties": { {{ToolJson.RunProperty}} }, "additionalProperties": false }""",
        RunTools.ReportSchema,
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var store = await ToolJson.OpenStoreForReadingAsync(call, cancellationToken);
            var (report, _, _) = await store.LoadAsync(await store.ResolveAsync(call.String("run") ?? "last", cancellationToken), cancellationToken);
            var writer = new JsonReportWriter();
            return new ToolOutput(await ToolJson.WriteAsync(s => writer.WriteAsync(report, s, cancellationToken)));
        })
    { OpenWorld = false };

    public static McpTool GetCheck() => new(
        "get_check",
        "Get one check's evidence",
        "One check of a recorded run (greenlight.check/v1): outcome, attempts, assertions, captures, fix and its evidence, each item cut to max_chars (full_length says how long it was).",
        $$"""
        { "type": "object", "properties": {
            "check": { "type": "string", "description": "The check id." },
            {{ToolJson.RunProperty}},
            "max_chars": { "type": "integer", "minimum": 16, "maximum": 1048576, "description": "Cut each evidence item to this many characters (default 4000)." } },
          "required": ["check"], "additionalProperties": false }
        """,
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.check/v1" }, "run_id": { "type": "string" }, "evidence_limit": { "type": "integer" }, "result": { "type": "object", "properties": { "id": { "type": "string" }, "outcome": { "type": "string" }, "evidence": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "content": { "type": "string" }, "full_length": { "type": "integer" } }, "required": ["name", "content"] } } }, "required": ["id", "outcome", "evidence"] } }, "required": ["schema", "run_id", "evidence_limit", "result"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var checkId = call.RequiredString("check");
            var limit = call.Int("max_chars", 4000, 16, 1024 * 1024);
            var store = await ToolJson.OpenStoreForReadingAsync(call, cancellationToken);
            var id = await store.ResolveAsync(call.String("run") ?? "last", cancellationToken);
            var (report, _, _) = await store.LoadAsync(id, cancellationToken);
            var result = report.Results.FirstOrDefault(r => r.Id == checkId)
                ?? throw new StoreException($"run {id[..12]} has no result for check `{checkId}` (it has {string.Join(", ", report.Results.Select(r => r.Id).Take(10))})");
            return new ToolOutput(await ToolJson.WriteAsync(s => CheckReportWriter.WriteAsync(report, result, limit, s, cancellationToken)));
        })
    { OpenWorld = false };

    public static McpTool DiffRuns() => new(
        "diff_runs",
        "Compare two runs",
        "What changed between two recorded runs (greenlight.diff/v1): regressions (verified before, or new, and not now), fixed, still failing, added and removed checks, changed values and durations.",
        """
        { "type": "object", "properties": {
            "a": { "type": "string", "description": "The earlier run (default last~1)." },
            "b": { "type": "string", "description": "The later run (default last)." } },
          "additionalProperties": false }
        """,
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.diff/v1" }, "regressions_found": { "type": "boolean" }, "regressions": { "type": "array" }, "fixed": { "type": "array" }, "still_failing": { "type": "array" }, "changed_values": { "type": "array" } }, "required": ["schema", "regressions_found", "regressions", "fixed", "still_failing", "changed_values"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var store = await ToolJson.OpenStoreForReadingAsync(call, cancellationToken);
            var before = (await store.LoadAsync(await store.ResolveAsync(call.String("a") ?? "last~1", cancellationToken), cancellationToken)).Report;
            var after = (await store.LoadAsync(await store.ResolveAsync(call.String("b") ?? "last", cancellationToken), cancellationToken)).Report;
            var diff = RunDiff.Compare(before, after);
            return new ToolOutput(await ToolJson.WriteAsync(s => RunDiffJsonWriter.WriteAsync(before, after, diff, s, cancellationToken)));
        })
    { OpenWorld = false };

    public static McpTool ExplainFailure() => new(
        "explain_failure",
        "Explain why checks failed",
        "For each check of a run that is not verified (or the one named): the failed assertions with actual and expected, the message and the fix text, the check it was blocked by, the last recorded run where it passed, and what changed since then (spec, commit, values, duration). greenlight.explain/v1.",
        $$"""{ "type": "object", "properties": { {{ToolJson.RunProperty}}, "check": { "type": "string", "description": "Explain only this check (default: every check not verified)." } }, "additionalProperties": false }""",
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.explain/v1" }, "run_id": { "type": "string" }, "failures": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "failed_assertions": { "type": "array" }, "last_passed": { "type": ["object", "null"] }, "changed_since": { "type": "array", "items": { "type": "string" } } }, "required": ["id", "failed_assertions", "last_passed", "changed_since"] } } }, "required": ["schema", "run_id", "failures"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var store = await ToolJson.OpenStoreForReadingAsync(call, cancellationToken);
            var (run, failures) = await FailureExplainer.ExplainAsync(store, call.String("run") ?? "last", call.String("check"), cancellationToken);
            return new ToolOutput(await ToolJson.WriteAsync(s => FailureExplanationJsonWriter.WriteAsync(run, failures, s, cancellationToken)));
        })
    { OpenWorld = false };
}
