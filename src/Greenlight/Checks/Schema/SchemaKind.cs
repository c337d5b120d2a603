using Greenlight.Assertions;
using Greenlight.Databases;
using Greenlight.Databases.Schema;
using Greenlight.Spec;
using System.Text.Json.Nodes;

namespace Greenlight.Checks.Schema;

/// <summary><c>kind: schema</c>: expected tables, columns, keys, indexes and more against the live database.</summary>
internal sealed class SchemaKind : ICheckKind
{
    public string Name => "schema";

    public string Summary => "Compares expected tables (columns, types, nullability, defaults, keys, foreign keys with actions, checks, indexes, triggers), views, enums, functions and extensions with a live PostgreSQL or SQLite database, or with a committed snapshot.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("target", FieldSchemas.String, "A target named under `targets:`, or a database URL (postgres://… or sqlite:PATH).", Required: true),
        new("schema", FieldSchemas.String, "The PostgreSQL schema (namespace) to read (default public)."),
        new("tables", () => new JsonObject { ["type"] = "object" }, "Expected tables: name → columns, primary_key, unique, foreign_keys, checks, indexes, triggers, row_security, force_row_security, policies, exact."),
        new("views", () => new JsonObject { ["type"] = new JsonArray("array", "object") }, "Views that must exist (a materialized view counts)."),
        new("materialized_views", () => new JsonObject { ["type"] = new JsonArray("array", "object") }, "Materialized views that must exist."),
        new("sequences", () => new JsonObject { ["type"] = new JsonArray("array", "object") }, "Sequences that must exist (a serial's, or a standalone one)."),
        new("enums", () => new JsonObject { ["type"] = "object" }, "Enum types and their values, in order."),
        new("extensions", FieldSchemas.StringList, "Extensions that must be installed."),
        new("functions", FieldSchemas.StringList, "Functions that must exist."),
        new("snapshot", FieldSchemas.String, "A snapshot file written by `greenlight schema snapshot`, as the expectation (its tables are exact)."),
    ];

    public SubjectCatalog Subjects => SubjectCatalog.Empty;

    public IReadOnlyList<string> DefaultExpect => [];

    public ICheck Create(YamlMapReader fields)
    {
        var target = TargetField.Read(fields);
        var snapshotPath = fields.Text("snapshot");
        var expected = SchemaYaml.Read(fields);
        if (snapshotPath is not null)
        {
            if (Count(expected) > 0)
            {
                fields.Context.Error(fields.LocationOf("snapshot"), "give either `snapshot` or the expectations (tables, views …), not both");
            }

            expected = LoadSnapshot(snapshotPath, fields) ?? expected;
        }
        else if (Count(expected) == 0)
        {
            fields.Context.Error(fields.Location, "a schema check needs what to expect: `tables`, `views`, `materialized_views`, `sequences`, `enums`, `extensions`, `functions` or a `snapshot`");
        }

        return new SchemaCheck(target, expected);
    }

    private static int Count(DatabaseSchema s) =>
        s.Tables.Count + s.Views.Count + s.Enums.Count + s.Extensions.Count + s.Functions.Count + s.MaterializedViews.Count + s.Sequences.Count;

    private static DatabaseSchema? LoadSnapshot(string path, YamlMapReader fields)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(fields.Context.Directory, path));
        if (!System.IO.File.Exists(full))
        {
            fields.Context.Error(fields.LocationOf("snapshot"), $"`snapshot`: no such file {full} (write one with greenlight schema snapshot TARGET --out {path})");
            return null;
        }

        var context = new SpecReadContext(path, fields.Context.Scope, fields.Context.Directory);
        var schema = SchemaYaml.ReadSnapshot(full, context);
        fields.Context.Errors.AddRange(context.Errors);
        return schema;
    }
}
