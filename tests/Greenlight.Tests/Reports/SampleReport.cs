using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Tests.Reports;

/// <summary>A fixed report with one of everything, so report snapshots do not change between runs.</summary>
internal static class SampleReport
{
    public static RunReport Build()
    {
        var start = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        CheckResult[] results =
        [
            new()
            {
                Id = "env.keys", Title = "API keys are set", Kind = "env", Phase = Phase.Pre, Severity = Severity.Critical, Area = "LLM",
                Outcome = CheckOutcome.Pass, StartedAt = start, DurationMs = 1, Attempts = 1,
                Assertions = [new AssertionResult("OPENAI_API_KEY is set", true, "set (from environment, 51 chars)", "set")],
                Warnings = ["optional variable ANTHROPIC_API_KEY is missing"],
            },
            new()
            {
                Id = "api.health", Title = "Health answers and config is loaded", Kind = "http", Phase = Phase.Post, Severity = Severity.High, Area = "API",
                Outcome = CheckOutcome.Fail, StartedAt = start.AddMilliseconds(2), DurationMs = 41, Attempts = 3,
                Message = "status == 200: actual 503",
                Fix = "Check that OPENAI_API_KEY is set on the host and restart the service.",
                Assertions =
                [
                    new AssertionResult("status == 200", false, "503", "200") { ActualValue = new ReportedValue(ValueKind.Number, Number: 503), ExpectedValue = new ReportedValue(ValueKind.Number, Number: 200) },
                    new AssertionResult("json.$.config_loaded == true", false, "false", "true") { ActualValue = new ReportedValue(ValueKind.Bool, Bool: false), ExpectedValue = new ReportedValue(ValueKind.Bool, Bool: true) },
                    new AssertionResult("duration < 500ms", true, "41ms", "500ms") { ActualValue = new ReportedValue(ValueKind.Duration, Number: 41), ExpectedValue = new ReportedValue(ValueKind.Duration, Number: 500) },
                ],
                Evidence =
                [
                    new EvidenceItem("request", "GET http://127.0.0.1:8000/health"),
                    new EvidenceItem("response", "HTTP/1.1 503 Service Unavailable (41ms)\nContent-Type: application/json\n\n{\"config_loaded\":false}"),
                ],
                AttemptLog =
                [
                    new AttemptRecord(1, CheckOutcome.Fail, "status == 200: actual 503", 12, start),
                    new AttemptRecord(2, CheckOutcome.Fail, "status == 200: actual 503", 14, start),
                    new AttemptRecord(3, CheckOutcome.Fail, "status == 200: actual 503", 15, start),
                ],
            },
            new()
            {
                Id = "api.chat", Kind = "http", Phase = Phase.Post, Severity = Severity.High, Area = "API",
                Outcome = CheckOutcome.Skipped, Message = "needs api.health, which failed", SkippedForNeed = true, BlockedBy = ["api.health"],
            },
            new()
            {
                Id = "db.backup", Title = "Backup within the hour", Kind = "file", Phase = Phase.Pre, Severity = Severity.Medium, Area = "DB",
                Outcome = CheckOutcome.Error, StartedAt = start, DurationMs = 0, Attempts = 1, Message = "cannot read backups/latest.sql: it is a folder",
            },
            new()
            {
                Id = "tool.alembic", Kind = "command", Phase = Phase.Pre, Severity = Severity.High,
                Outcome = CheckOutcome.Pass, StartedAt = start, DurationMs = 310, Attempts = 2,
                Captures = new Dictionary<string, string> { ["head"] = "p2_add_user_tool_history" },
            },
        ];
        var (verdict, reasons, notes) = VerdictRules.Decide(results, interrupted: false);
        return new RunReport
        {
            RunId = "0196f1c2aa0b7c3d8e9f001122334455",
            Spec = "mosaic-api",
            SpecPath = "greenlight.yaml",
            SpecHash = "934586f09718cdd1a5fb6e71e7861653ade93bad3d4e57cc748391977b7d1184",
            Phase = "all",
            Verdict = verdict,
            Reasons = reasons,
            Notes = notes,
            StartedAt = start,
            FinishedAt = start.AddMilliseconds(812),
            Results = results,
        };
    }
}
