using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Checks.Manual;
using Greenlight.Engine;
using Greenlight.Reports;
using Greenlight.Rollback;
using Greenlight.Signoffs;
using Greenlight.Store;

namespace Greenlight.Mcp.Tools;

/// <summary>
/// The tools that change the world or speak for a person; listed only when the server was started
/// with <c>--allow-signoff</c> / <c>--allow-rollback</c>.
/// </summary>
internal static class ChangeTools
{
    public static McpTool Signoff() => new(
        "signoff",
        "Sign off a manual check",
        "Record that a person confirmed a manual check for the current commit (kept in the store with who, when, the note, the commit and the spec hash), as greenlight signoff ID --by NAME. Only offered when greenlight mcp runs with --allow-signoff.",
        $$"""
        { "type": "object", "properties": {
            "check": { "type": "string", "description": "The manual check's id." },
            "by": { "type": "string", "description": "The person who confirmed it (a name or e-mail)." },
            "note": { "type": "string", "description": "What was confirmed." },
            {{ToolJson.SpecProperty}}, {{ToolJson.VarsProperty}} },
          "required": ["check", "by"], "additionalProperties": false }
        """,
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.signoff/v1" }, "check": { "type": "string" }, "signed_by": { "type": "string" }, "counted": { "type": "integer" }, "requires": { "type": "integer" }, "complete": { "type": "boolean" } }, "required": ["schema", "check", "signed_by", "counted", "requires", "complete"] }""",
        ReadOnly: false,
        async (call, cancellationToken) =>
        {
            var checkId = call.RequiredString("check");
            var by = call.RequiredString("by");
            var note = call.String("note");
            var (spec, problem) = await ToolJson.LoadSpecAsync(call, cancellationToken);
            if (spec is null)
            {
                return problem!;
            }

            var provenance = await RunProvenance.DetectAsync(spec.Directory, call.Settings.Time, cancellationToken);
            var store = await RunStoreFactory.OpenAsync(call.Settings.Store, call.SpecPath, cancellationToken);
            var (signoff, status) = await SignoffService.SignAsync(store, spec, checkId, by, note, provenance, call.Settings.Time, cancellationToken);
            return new ToolOutput(await ToolJson.WriteAsync(async output =>
            {
                await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                json.WriteStartObject();
                json.WriteString("schema", "greenlight.signoff/v1");
                json.WriteString("check", signoff.CheckId);
                json.WriteString("signed_by", signoff.SignedBy);
                if (signoff.Note is not null)
                {
                    json.WriteString("note", signoff.Note);
                }

                json.WriteString("signed_at", JsonReportWriter.Timestamp(signoff.SignedAt));
                json.WriteString("git_commit", ManualSettings.Short(signoff.GitCommit));
                json.WriteNumber("counted", status.Counted.Count);
                json.WriteNumber("requires", status.Requires);
                json.WriteBoolean("complete", status.Complete);
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken);
            }));
        })
    { OpenWorld = false };

    public static McpTool Rollback() => new(
        "rollback",
        "Roll the release back",
        "Run the spec's rollback steps in order, then re-run the post checks to verify the way back (greenlight.rollback/v1). dry_run answers the steps without running them. Only offered when greenlight mcp runs with --allow-rollback.",
        $$"""
        { "type": "object", "properties": {
            "dry_run": { "type": "boolean", "description": "Answer the steps that would run, run nothing." },
            "verify": { "type": "boolean", "description": "Re-run the post checks afterwards (default true)." },
            "reason": { "type": "string", "description": "Why, kept with the rollback and sent to the alert channels." },
            {{ToolJson.SpecProperty}}, {{ToolJson.VarsProperty}} },
          "additionalProperties": false }
        """,
        """{ "type": "object", "properties": { "schema": { "type": "string", "enum": ["greenlight.rollback/v1", "greenlight.rollback-plan/v1"] }, "steps": { "type": "array" } }, "required": ["schema", "steps"] }""",
        ReadOnly: false,
        async (call, cancellationToken) =>
        {
            var (spec, problem) = await ToolJson.LoadSpecAsync(call, cancellationToken);
            if (spec is null)
            {
                return problem!;
            }

            if (spec.Rollback.Count == 0)
            {
                return await ToolJson.ProblemAsync("usage", "the spec has no `rollback:` steps (add a list such as `- run: git revert --no-edit HEAD`)", [], spec.Redactor, cancellationToken);
            }

            var preview = new RollbackRunner(spec, new RollbackOptions());
            if (call.Bool("dry_run"))
            {
                return new ToolOutput(await ToolJson.WriteAsync(async output =>
                {
                    await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                    json.WriteStartObject();
                    json.WriteString("schema", "greenlight.rollback-plan/v1");
                    json.WriteStartArray("steps");
                    foreach (var (name, command, folder, timeout) in preview.Describe())
                    {
                        json.WriteStartObject();
                        json.WriteString("name", preview.Redactor.Redact(name));
                        json.WriteString("command", preview.Redactor.Redact(command));
                        json.WriteString("folder", folder);
                        json.WriteNumber("timeout_ms", (long)timeout.TotalMilliseconds);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                    await json.FlushAsync(cancellationToken);
                }));
            }

            var provenance = await RunProvenance.DetectAsync(spec.Directory, call.Settings.Time, cancellationToken);
            SqlRunStore? store = null;
            try
            {
                store = await RunStoreFactory.OpenAsync(call.Settings.Store, call.SpecPath, cancellationToken);
            }
            catch (StoreException)
            {
                // As greenlight rollback: a rollback is never refused for want of a store.
            }

            var steps = spec.Rollback.Count;
            var runner = new RollbackRunner(spec, new RollbackOptions
            {
                Store = store,
                Provenance = provenance,
                Reason = call.String("reason") ?? "requested through MCP",
                Time = call.Settings.Time,
                Verify = call.Bool("verify", fallback: true) ? PostCheckVerifier.For(spec, store, provenance, null, call.Settings.Time) : null,
                StepStarted = (i, name) => _ = call.ReportAsync(i, steps, $"step {i + 1}: {name}"),
            });
            var report = await runner.RunAsync(cancellationToken);
            return new ToolOutput(await ToolJson.WriteAsync(s => RollbackJsonWriter.WriteAsync(report, s, cancellationToken)), IsError: !report.Succeeded);
        });
}
