using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Spec;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Databases.Schema;

/// <summary>
/// The YAML of a schema: what a <c>schema</c> check expects and what <c>greenlight schema
/// snapshot</c> writes, one format for both, so a snapshot can be committed and checked in CI.
/// </summary>
internal static partial class SchemaYaml
{
    public static readonly string[] TopLevelFields = ["schema", "tables", "views", "enums", "extensions", "functions"];

    /// <summary>Reads the expectation fields of a mapping (a check, or a snapshot file's root).</summary>
    public static DatabaseSchema Read(YamlMapReader fields, bool exactTables = false)
    {
        var context = fields.Context;
        var schema = new DatabaseSchema { Namespace = fields.Text("schema") ?? "public" };
        var tables = fields.Map("tables");
        foreach (var name in tables?.Keys.ToList() ?? [])
        {
            var node = tables!.Raw(name)!;
            if (node is not YamlMappingNode mapping)
            {
                context.Error(node, $"table `{name}`: expected a mapping with columns, primary_key, foreign_keys, indexes …");
                continue;
            }

            schema.Tables[name] = ReadTable(name, new YamlMapReader(mapping, context, fields.CheckId), exactTables);
        }

        var views = fields.Raw("views");
        if (views is YamlMappingNode viewMap)
        {
            foreach (var (k, v) in viewMap.Children)
            {
                schema.Views[((YamlScalarNode)k).Value!] = (v as YamlScalarNode)?.Value is { Length: > 0 } definition ? definition : null;
            }
        }
        else if (views is not null)
        {
            foreach (var (name, _) in fields.ScalarList("views") ?? [])
            {
                schema.Views[name] = null;
            }
        }

        var enums = fields.Map("enums");
        foreach (var name in enums?.Keys.ToList() ?? [])
        {
            schema.Enums[name] = (enums!.ScalarList(name) ?? []).Select(v => v.Text).ToList();
        }

        schema.Extensions.AddRange((fields.ScalarList("extensions") ?? []).Select(e => e.Text));
        schema.Functions.AddRange((fields.ScalarList("functions") ?? []).Select(e => e.Text));
        return schema;
    }

    private static TableSchema ReadTable(string name, YamlMapReader t, bool exactTables)
    {
        var context = t.Context;
        var table = new TableSchema(name) { Exact = t.Boolean("exact") ?? exactTables };
        var columns = t.Raw("columns");
        if (columns is YamlMappingNode columnMap)
        {
            foreach (var (k, v) in columnMap.Children)
            {
                var columnName = ((YamlScalarNode)k).Value!;
                if (v is YamlScalarNode typeOnly)
                {
                    table.Columns.Add(new ColumnSchema(columnName, typeOnly.Value));
                    continue;
                }

                if (v is not YamlMappingNode c)
                {
                    context.Error(v, $"column `{columnName}`: expected a type or a mapping such as {{ type: text, nullable: false }}");
                    continue;
                }

                var column = new YamlMapReader(c, context);
                table.Columns.Add(new ColumnSchema(columnName, column.Text("type"), column.Boolean("nullable"), column.Text("default"),
                    column.Boolean("identity"), column.Boolean("primary_key"), column.Boolean("unique")));
                column.RejectUnknown($"column `{columnName}`");
            }
        }
        else if (columns is not null)
        {
            context.Error(columns, $"`columns` of `{name}`: expected a mapping of column names to types");
        }

        var pk = t.ScalarList("primary_key");
        var unique = new List<IReadOnlyList<string>>();
        if (t.Raw("unique") is YamlSequenceNode uniqueList)
        {
            foreach (var item in uniqueList)
            {
                unique.Add(item is YamlSequenceNode cols ? [.. cols.Children.OfType<YamlScalarNode>().Select(s => s.Value!)] : [((YamlScalarNode)item).Value!]);
            }
        }

        var foreignKeys = new List<ForeignKeySchema>();
        foreach (var item in t.Raw("foreign_keys") as YamlSequenceNode ?? [])
        {
            if (item is not YamlMappingNode fkNode)
            {
                context.Error(item, "a foreign key is a mapping: { columns: [user_id], references: users(id), on_delete: cascade }");
                continue;
            }

            var fk = new YamlMapReader(fkNode, context);
            var cols = (fk.ScalarList("columns") ?? []).Select(c => c.Text).ToList();
            var referencesNode = fk.Scalar("references", required: true);
            var match = ReferencesPattern().Match(referencesNode?.Value ?? "");
            if (referencesNode is not null && !match.Success)
            {
                context.Error(referencesNode, $"`references`: expected table(column, …), got `{referencesNode.Value}`");
            }

            var onDelete = fk.Text("on_delete");
            var onUpdate = fk.Text("on_update");
            foreach (var (action, key) in new[] { (onDelete, "on_delete"), (onUpdate, "on_update") })
            {
                if (action is not null && SqlNames.NormalizeAction(action) is not ("no action" or "restrict" or "cascade" or "set null" or "set default"))
                {
                    context.Error(fk.LocationOf(key), $"`{key}`: expected cascade, restrict, set null, set default or no action, got `{action}`");
                }
            }

            foreignKeys.Add(new ForeignKeySchema(fk.Text("name"), cols, match.Groups[1].Value.Trim(),
                [.. match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
                onDelete is null ? null : SqlNames.NormalizeAction(onDelete), onUpdate is null ? null : SqlNames.NormalizeAction(onUpdate)));
            fk.RejectUnknown("a foreign key");
        }

        var checks = new List<CheckConstraintSchema>();
        foreach (var item in t.Raw("checks") as YamlSequenceNode ?? [])
        {
            if (item is YamlScalarNode s)
            {
                checks.Add(new CheckConstraintSchema(s.Value!));
            }
            else if (item is YamlMappingNode m)
            {
                var check = new YamlMapReader(m, context);
                checks.Add(new CheckConstraintSchema(check.Text("name", required: true) ?? "", check.Text("expression")));
                check.RejectUnknown("a check constraint");
            }
        }

        var indexes = new List<IndexSchema>();
        foreach (var item in t.Raw("indexes") as YamlSequenceNode ?? [])
        {
            if (item is YamlScalarNode s)
            {
                indexes.Add(new IndexSchema(s.Value));
            }
            else if (item is YamlMappingNode m)
            {
                var index = new YamlMapReader(m, context);
                var indexName = index.Text("name");
                var cols = index.ScalarList("columns")?.Select(c => c.Text).ToList();
                if (indexName is null && cols is null)
                {
                    context.Error(m, "an index needs a `name` or `columns`");
                }

                indexes.Add(new IndexSchema(indexName, cols, index.Boolean("unique"), index.Text("where")));
                index.RejectUnknown("an index");
            }
        }

        var triggers = (t.ScalarList("triggers") ?? []).Select(x => x.Text).ToList();
        t.RejectUnknown($"table `{name}`");
        return table with
        {
            PrimaryKey = pk?.Select(p => p.Text).ToList(),
            Unique = unique,
            ForeignKeys = foreignKeys,
            Checks = checks,
            Indexes = indexes,
            Triggers = triggers,
        };
    }

    /// <summary>
    /// Reads a snapshot file (its tables are exact); problems go to <paramref name="context"/>, whose
    /// file name is the one errors show. Used by schema checks and by <c>greenlight schema diff</c>.
    /// </summary>
    public static DatabaseSchema? ReadSnapshot(string fullPath, SpecReadContext context)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(System.IO.File.ReadAllText(fullPath)));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            context.Error(context.At(ex.Start), $"invalid YAML in the snapshot: {ex.Message}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            context.Error(new SourceLocation(context.File, 1, 1), "not a schema snapshot: expected a mapping with `tables`");
            return null;
        }

        var reader = new YamlMapReader(root, context);
        var schema = Read(reader, exactTables: true);
        reader.RejectUnknown("a schema snapshot", TopLevelFields);
        return schema;
    }

    /// <summary>Writes a full schema as a snapshot; the same input always gives the same bytes.</summary>
    public static string Write(DatabaseSchema schema, string source)
    {
        var y = new StringBuilder();
        y.AppendLine($"# Schema snapshot of {source} (greenlight schema snapshot). Check it with:");
        y.AppendLine("#   - { id: db.schema, kind: schema, target: db, snapshot: THIS_FILE }");
        y.AppendLine($"schema: {Q(schema.Namespace)}");
        if (schema.Extensions.Count > 0)
        {
            y.AppendLine($"extensions: {List(schema.Extensions)}");
        }

        if (schema.Enums.Count > 0)
        {
            y.AppendLine("enums:");
            foreach (var (name, values) in schema.Enums)
            {
                y.AppendLine($"  {Q(name)}: {List(values)}");
            }
        }

        y.AppendLine(schema.Tables.Count == 0 ? "tables: {}" : "tables:");
        foreach (var table in schema.Tables.Values)
        {
            y.AppendLine($"  {Q(table.Name)}:");
            y.AppendLine(table.Columns.Count == 0 ? "    columns: {}" : "    columns:");
            foreach (var c in table.Columns)
            {
                // Appended piece by piece: 30,000 columns make this the writer's hot loop.
                y.Append("      ").Append(Q(c.Name)).Append(": { type: ").Append(Q(c.Type ?? "")).Append(", nullable: ").Append(c.Nullable ?? true ? "true" : "false");
                if (c.Default is not null)
                {
                    y.Append(", default: ").Append(Q(c.Default));
                }

                if (c.Identity == true)
                {
                    y.Append(", identity: true");
                }

                y.Append(" }\n");
            }

            if (table.PrimaryKey is { Count: > 0 })
            {
                y.AppendLine($"    primary_key: {List(table.PrimaryKey)}");
            }

            if (table.Unique.Count > 0)
            {
                y.AppendLine($"    unique: [{string.Join(", ", table.Unique.Select(List))}]");
            }

            if (table.ForeignKeys.Count > 0)
            {
                y.AppendLine("    foreign_keys:");
                foreach (var fk in table.ForeignKeys.OrderBy(f => string.Join(",", f.Columns), StringComparer.Ordinal))
                {
                    var name = fk.Name is null ? "" : $"name: {Q(fk.Name)}, ";
                    y.AppendLine($"      - {{ {name}columns: {List(fk.Columns)}, references: {Q(fk.References)}, on_delete: {Q(fk.OnDelete ?? "no action")}, on_update: {Q(fk.OnUpdate ?? "no action")} }}");
                }
            }

            if (table.Checks.Count > 0)
            {
                y.AppendLine("    checks:");
                foreach (var check in table.Checks)
                {
                    y.AppendLine($"      - {{ name: {Q(check.Name)}{(check.Expression is null ? "" : $", expression: {Q(check.Expression)}")} }}");
                }
            }

            if (table.Indexes.Count > 0)
            {
                y.AppendLine("    indexes:");
                foreach (var index in table.Indexes)
                {
                    var where = index.Where is null ? "" : $", where: {Q(index.Where)}";
                    y.AppendLine($"      - {{ name: {Q(index.Name ?? "")}, columns: {List(index.Columns ?? [])}, unique: {(index.Unique == true ? "true" : "false")}{where} }}");
                }
            }

            if (table.Triggers.Count > 0)
            {
                y.AppendLine($"    triggers: {List(table.Triggers)}");
            }
        }

        if (schema.Views.Count > 0)
        {
            y.AppendLine("views:");
            foreach (var (name, definition) in schema.Views)
            {
                y.AppendLine($"  {Q(name)}: {(definition is null ? "\"\"" : Q(definition.ReplaceLineEndings(" ")))}");
            }
        }

        if (schema.Functions.Count > 0)
        {
            y.AppendLine($"functions: {List(schema.Functions)}");
        }

        return y.ToString();
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Q)) + "]";

    /// <summary>Plain when YAML reads it back as the same string; JSON-style double quotes otherwise.</summary>
    private static string Q(string value) =>
        IsPlainSafe(value) && value is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "~")
            ? value
            : System.Text.Json.JsonSerializer.Serialize(value, QuoteOptions);

    private static readonly System.Text.Json.JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>[A-Za-z_][A-Za-z0-9_ .()]*, not ending in a space or dot: read back by YAML as the same text.</summary>
    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || !(char.IsAsciiLetter(value[0]) || value[0] == '_') || value[^1] is ' ' or '.')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or ' ' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^\s*([A-Za-z0-9_."" ]+?)\s*\(([^)]*)\)\s*$")]
    private static partial Regex ReferencesPattern();
}
