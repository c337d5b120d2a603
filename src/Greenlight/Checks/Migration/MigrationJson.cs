using System.Text.Json;
using Greenlight.Databases.SqlText;

namespace Greenlight.Checks.Migration;

/// <summary>
/// The JSON of `migrate lint` (schema greenlight.migration-lint/v1, a contract: fields may be added,
/// none renamed) and of `migrate plan` (greenlight.migration-plan/v1).
/// </summary>
internal static class MigrationJson
{
    public static string Lint(IReadOnlyList<(string Path, MigrationFile File, SqlScript Script, List<LintFinding> Findings)> files)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("schema", "greenlight.migration-lint/v1");
            json.WriteStartArray("files");
            foreach (var (path, _, script, findings) in files)
            {
                json.WriteStartObject();
                json.WriteString("path", path);
                json.WriteNumber("statements", script.Statements.Count);
                WriteFindings(json, findings, withFile: false);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Plan(MigrationPlan plan)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("schema", "greenlight.migration-plan/v1");
            json.WriteString("layout", plan.Source.Layout.ToString().ToLowerInvariant());
            json.WriteString("layout_reason", plan.Source.Reason);
            WriteNullable(json, "history", plan.History?.Source);
            WriteNullable(json, "current", plan.Current);
            WriteNullable(json, "head", plan.Head);
            json.WriteStartArray("pending");
            foreach (var (file, script) in plan.Pending)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Display);
                json.WriteString("version", file.Version);
                json.WriteNumber("statements", script.Statements.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (plan.DryRun is { } run)
            {
                json.WriteStartObject("dry_run");
                json.WriteNumber("duration_ms", (long)run.Duration.TotalMilliseconds);
                WriteNullable(json, "failure", run.Failure);
                WriteNullable(json, "not_idempotent", run.NotIdempotent);
                WriteNullable(json, "blocked", run.Blocked);
                json.WriteStartArray("statements");
                foreach (var entry in run.Statements)
                {
                    json.WriteStartObject();
                    json.WriteNumber("number", entry.Number);
                    json.WriteString("path", entry.File.Display);
                    json.WriteNumber("line", entry.Statement.Line);
                    json.WriteNumber("column", entry.Statement.Column);
                    json.WriteString("statement", entry.Statement.OneLine());
                    json.WriteString("status", entry.Error is not null ? "failed" : entry.NotRun is not null ? "not_run" : entry.Ran ? "ran" : "not_reached");
                    WriteNullable(json, "reason", entry.Error ?? entry.NotRun);
                    json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 3));
                    WriteStrings(json, "locks", entry.Locks);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                WriteStrings(json, "notes", run.Notes);
                json.WriteEndObject();
                WriteStrings(json, "changes", run.Changes);
                WriteStrings(json, "added_columns", run.AddedColumns);
                WriteStrings(json, "dropped_columns", run.DroppedColumns);
                WriteStrings(json, "dropped_tables", run.DroppedTables);
            }

            WriteFindings(json, plan.Findings, withFile: true);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFindings(Utf8JsonWriter json, IEnumerable<LintFinding> findings, bool withFile)
    {
        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", finding.Rule);
            json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
            if (withFile)
            {
                json.WriteString("path", finding.File);
            }

            json.WriteNumber("line", finding.Line);
            json.WriteNumber("column", finding.Column);
            json.WriteString("statement", finding.Statement);
            json.WriteString("message", finding.Message);
            json.WriteString("fix", finding.Fix);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
