using System.Text.Encodings.Web;
using System.Text.Json;
using Greenlight.Checks.Migration;
using Greenlight.Databases;
using Greenlight.Databases.Schema;

namespace Greenlight.Mcp.Tools;

/// <summary><c>schema_snapshot</c>, <c>schema_diff</c> and <c>migration_plan</c>: the database use cases of <c>greenlight schema</c> and <c>greenlight migrate plan</c>.</summary>
internal static class DatabaseTools
{
    private const string SchemaListProperty = """ "schema": { "type": "string", "description": "PostgreSQL schemas to read, comma-separated (default: every user schema)." } """;

    public static McpTool Snapshot() => new(
        "schema_snapshot",
        "Snapshot a database schema",
        "Read a live database schema (a target named in the spec, or a postgres:// or sqlite: URL) and answer it in the YAML a schema check expects (greenlight.schema-snapshot/v1, field yaml). Only reads; writes no file.",
        $$"""{ "type": "object", "properties": { "target": { "type": "string", "description": "A target of the spec or a database URL." }, {{ToolJson.SpecProperty}}, {{SchemaListProperty}} }, "required": ["target"], "additionalProperties": false }""",
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.schema-snapshot/v1" }, "source": { "type": "string" }, "tables": { "type": "integer" }, "views": { "type": "integer" }, "yaml": { "type": "string" } }, "required": ["schema", "source", "tables", "views", "yaml"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var target = call.RequiredString("target");
            var (schema, label) = await SchemaSource.ResolveAsync(target, call.SpecPath, SchemaSource.ParseList(call.String("schema")), allowSnapshot: false, TimeSpan.FromMinutes(5), cancellationToken, call.LoadOptions());
            var yaml = SchemaYaml.Write(schema, label);
            return new ToolOutput(await ToolJson.WriteAsync(async output =>
            {
                await using var json = Open(output);
                json.WriteStartObject();
                json.WriteString("schema", "greenlight.schema-snapshot/v1");
                json.WriteString("source", label);
                json.WriteNumber("tables", schema.Tables.Count);
                json.WriteNumber("views", schema.Views.Count);
                json.WriteString("yaml", yaml);
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken);
            }));
        });

    public static McpTool Diff() => new(
        "schema_diff",
        "Compare two schemas",
        "Compare two schemas (snapshot files, targets of the spec or database URLs): every difference by table, which are destructive, and with sql: true the idempotent PostgreSQL that brings A to B (greenlight.schema-diff/v1). Only reads.",
        $$"""
        { "type": "object", "properties": {
            "a": { "type": "string", "description": "A snapshot file, a target of the spec, or a database URL." },
            "b": { "type": "string", "description": "The other side: the diff says what brings A to B." },
            {{ToolJson.SpecProperty}}, {{SchemaListProperty}},
            "sql": { "type": "boolean", "description": "Also answer the fix-up SQL." },
            "allow_destructive": { "type": "boolean", "description": "With sql: write drops and type changes as statements instead of comments." },
            "ignore": { "type": "array", "items": { "type": "string", "enum": ["privileges", "comments"] } } },
          "required": ["a", "b"], "additionalProperties": false }
        """,
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.schema-diff/v1" }, "a": { "type": "string" }, "b": { "type": "string" }, "equal": { "type": "boolean" }, "changes": { "type": "array", "items": { "type": "object", "properties": { "table": { "type": "string" }, "description": { "type": "string" }, "destructive": { "type": "boolean" } }, "required": ["table", "description", "destructive"] } }, "not_compared": { "type": "array" }, "sql": { "type": "string" } }, "required": ["schema", "a", "b", "equal", "changes", "not_compared"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var schemas = SchemaSource.ParseList(call.String("schema"));
            var ignored = call.Strings("ignore");
            foreach (var item in ignored.Where(i => !SchemaDiffOptions.Ignorable.Contains(i)))
            {
                throw new ToolArgumentException($"schema_diff: `ignore` takes {string.Join(", ", SchemaDiffOptions.Ignorable)}, not `{item}`");
            }

            var (left, leftLabel) = await SchemaSource.ResolveAsync(call.RequiredString("a"), call.SpecPath, schemas, allowSnapshot: true, TimeSpan.FromMinutes(5), cancellationToken, call.LoadOptions());
            var (right, rightLabel) = await SchemaSource.ResolveAsync(call.RequiredString("b"), call.SpecPath, schemas, allowSnapshot: true, TimeSpan.FromMinutes(5), cancellationToken, call.LoadOptions());
            var changes = SchemaDiff.Compare(left, right, new SchemaDiffOptions(ignored.Contains("privileges"), ignored.Contains("comments")));
            var notCompared = SchemaDiff.NotCompared(left, right);
            return new ToolOutput(await ToolJson.WriteAsync(async output =>
            {
                await using var json = Open(output);
                json.WriteStartObject();
                json.WriteString("schema", "greenlight.schema-diff/v1");
                json.WriteString("a", leftLabel);
                json.WriteString("b", rightLabel);
                json.WriteBoolean("equal", changes.Count == 0);
                json.WriteNumber("destructive", changes.Count(c => c.Destructive));
                json.WriteStartArray("changes");
                foreach (var change in changes)
                {
                    json.WriteStartObject();
                    json.WriteString("table", change.Table);
                    json.WriteString("description", change.Description);
                    json.WriteBoolean("destructive", change.Destructive);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("not_compared");
                foreach (var item in notCompared)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                if (call.Bool("sql"))
                {
                    json.WriteString("sql", SchemaDiff.FixupSql(changes, call.Bool("allow_destructive"), leftLabel, rightLabel, notCompared));
                }

                json.WriteEndObject();
                await json.FlushAsync(cancellationToken);
            }));
        });

    public static McpTool MigrationPlan() => new(
        "migration_plan",
        "Plan pending migrations",
        "What pending migrations will do (as greenlight migrate plan --format json): per statement the changes, the locks taken on tables of what size, the time in a dry-run inside a transaction that is always rolled back, and lint findings with fixes. Without target, only lint.",
        """
        { "type": "object", "properties": {
            "path": { "type": "string", "description": "A migration file or folder, or an Alembic project (relative paths: from where greenlight mcp was started)." },
            "target": { "type": "string", "description": "A PostgreSQL URL to read what is applied and dry-run the pending SQL." },
            "layout": { "type": "string", "enum": ["auto", "plain", "supabase", "flyway", "timestamped", "alembic"] },
            "once": { "type": "boolean", "description": "The tool never re-runs a file (Alembic, Flyway): skip the second run and the IF NOT EXISTS rule." },
            "allow": { "type": "array", "items": { "type": "string" }, "description": "Lint rule ids to turn off." } },
          "required": ["path"], "additionalProperties": false }
        """,
        """{ "type": "object", "properties": { "schema": { "const": "greenlight.migration-plan/v1" }, "layout": { "type": "string" }, "pending": { "type": "array" }, "findings": { "type": "array" } }, "required": ["schema", "layout", "pending", "findings"] }""",
        ReadOnly: true,
        async (call, cancellationToken) =>
        {
            var path = call.RequiredString("path");
            var layout = Enum.Parse<MigrationLayout>(call.OneOf("layout", "auto", "plain", "supabase", "flyway", "timestamped", "alembic") ?? "auto", ignoreCase: true);
            var allow = call.Strings("allow");
            var unknown = allow.Where(a => LintRules.Find(a) is null).ToList();
            if (unknown.Count > 0)
            {
                throw new ToolArgumentException($"migration_plan: no lint rule {string.Join(", ", unknown)} (rules: {string.Join(", ", LintRules.All.Select(r => r.Id))})");
            }

            var url = call.String("target");
            var plan = await MigrationPlanner.PlanAsync(new MigrationRequest
            {
                Path = path,
                Layout = layout,
                Target = url is null ? null : DatabaseTarget.Parse(url, Directory.GetCurrentDirectory()),
                Idempotent = !call.Bool("once"),
                Allow = allow,
            }, call.Settings.Time, cancellationToken);
            return new ToolOutput(MigrationJson.Plan(plan));
        });

    private static Utf8JsonWriter Open(Stream output) => new(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
