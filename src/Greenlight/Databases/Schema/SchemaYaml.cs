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
    public static readonly string[] TopLevelFields =
    [
        "schema", "tables", "views", "enums", "extensions", "functions", "materialized_views", "sequences",
        "schemas", "complete", "extension_versions", "types", "view_dependencies", "routines", "grants", "comments", "not_compared",
    ];

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
        ReadCompleteParts(fields, schema);
        return schema with { Complete = fields.Boolean("complete") ?? false };
    }

    /// <summary>What only a snapshot holds (definitions, grants, comments …); read raw: definitions are not templates.</summary>
    private static void ReadCompleteParts(YamlMapReader fields, DatabaseSchema schema)
    {
        var context = fields.Context;
        schema.Schemas.AddRange((fields.ScalarList("schemas") ?? []).Select(e => e.Text));
        foreach (var (name, text, _) in fields.ScalarMap("extension_versions") ?? [])
        {
            schema.ExtensionVersions[name] = text;
        }

        if (fields.Raw("materialized_views") is YamlMappingNode matviews)
        {
            foreach (var (k, v) in matviews.Children)
            {
                var name = ((YamlScalarNode)k).Value!;
                if (v is YamlMappingNode m)
                {
                    var view = new YamlMapReader(m, context);
                    var mv = new MaterializedViewSchema(Raw(view, "definition") ?? "");
                    mv.Indexes.AddRange(ReadIndexes(view.Raw("indexes"), context));
                    schema.MaterializedViews[name] = mv;
                    view.RejectUnknown($"materialized view `{name}`");
                }
                else
                {
                    schema.MaterializedViews[name] = new MaterializedViewSchema((v as YamlScalarNode)?.Value ?? "");
                }
            }
        }
        else if (fields.Raw("materialized_views") is not null)
        {
            foreach (var (name, _) in fields.ScalarList("materialized_views") ?? [])
            {
                schema.MaterializedViews[name] = new MaterializedViewSchema("");
            }
        }

        if (fields.Raw("view_dependencies") is YamlMappingNode deps)
        {
            foreach (var (k, v) in deps.Children)
            {
                schema.ViewDependencies[((YamlScalarNode)k).Value!] = [.. (v as YamlSequenceNode ?? []).OfType<YamlScalarNode>().Select(x => x.Value!)];
            }
        }

        if (fields.Raw("sequences") is YamlMappingNode sequences)
        {
            foreach (var (k, v) in sequences.Children)
            {
                var name = ((YamlScalarNode)k).Value!;
                if (v is not YamlMappingNode m)
                {
                    schema.Sequences[name] = new SequenceSchema("bigint", 1, 1, 1, long.MaxValue, 1, false, null);
                    continue;
                }

                var q = new YamlMapReader(m, context);
                schema.Sequences[name] = new SequenceSchema(Raw(q, "type") ?? "bigint", Long(q, "start"), Long(q, "increment"), Long(q, "min"), Long(q, "max"), Long(q, "cache"),
                    q.Boolean("cycle") ?? false, Raw(q, "owned_by"));
                q.RejectUnknown($"sequence `{name}`");
            }
        }
        else if (fields.Raw("sequences") is not null)
        {
            foreach (var (name, _) in fields.ScalarList("sequences") ?? [])
            {
                schema.Sequences[name] = new SequenceSchema("", 0, 0, 0, 0, 0, false, null);
            }
        }

        if (fields.Raw("types") is YamlMappingNode types)
        {
            foreach (var (k, v) in types.Children)
            {
                var name = ((YamlScalarNode)k).Value!;
                if (v is not YamlMappingNode m)
                {
                    context.Error(v, $"type `{name}`: expected a mapping with kind (domain or composite)");
                    continue;
                }

                var q = new YamlMapReader(m, context);
                var type = new TypeSchema(Raw(q, "kind") ?? "domain") { BaseType = Raw(q, "base"), NotNull = q.Boolean("not_null") ?? false, Default = Raw(q, "default") };
                foreach (var (check, text, _) in q.ScalarMap("checks") ?? [])
                {
                    type.Checks[check] = text;
                }

                foreach (var pair in q.Raw("attributes") as YamlSequenceNode ?? [])
                {
                    var parts = (pair as YamlSequenceNode ?? []).OfType<YamlScalarNode>().Select(x => x.Value!).ToList();
                    if (parts.Count == 2)
                    {
                        type.Attributes.Add((parts[0], parts[1]));
                    }
                }

                schema.Types[name] = type;
                q.RejectUnknown($"type `{name}`");
            }
        }

        if (fields.Raw("routines") is YamlMappingNode routines)
        {
            foreach (var (k, v) in routines.Children)
            {
                if (v is YamlMappingNode m)
                {
                    var q = new YamlMapReader(m, context);
                    schema.Routines[((YamlScalarNode)k).Value!] = new RoutineSchema(Raw(q, "kind") ?? "f", Raw(q, "definition") ?? "", Raw(q, "result"));
                    q.RejectUnknown("a routine");
                }
            }
        }

        foreach (var item in fields.Raw("grants") as YamlSequenceNode ?? [])
        {
            if (item is YamlMappingNode m)
            {
                var q = new YamlMapReader(m, context);
                var grant = new GrantSchema(Raw(q, "privilege") ?? "", Raw(q, "on") ?? "", Raw(q, "to") ?? "", q.Boolean("grant_option") ?? false, Raw(q, "column"), Raw(q, "default_for"));
                schema.Grants[grant.Key] = grant;
                q.RejectUnknown("a grant");
            }
        }

        foreach (var (target, text, _) in fields.ScalarMap("comments") ?? [])
        {
            schema.Comments[target] = text;
        }

        schema.NotCompared.AddRange((fields.ScalarList("not_compared") ?? []).Select(e => e.Node.Value ?? ""));
    }

    private static string? Raw(YamlMapReader map, string key) => map.Scalar(key)?.Value;

    private static long Long(YamlMapReader map, string key) =>
        long.TryParse(map.Scalar(key)?.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

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
                table.Columns.Add(new ColumnSchema(columnName, column.Text("type"), column.Boolean("nullable"), Raw(column, "default"),
                    column.Boolean("identity"), column.Boolean("primary_key"), column.Boolean("unique"),
                    Raw(column, "identity_generation"), Raw(column, "generated"), Raw(column, "collation"), column.Boolean("inherited") ?? false));
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
                checks.Add(new CheckConstraintSchema(check.Text("name", required: true) ?? "", Raw(check, "expression")));
                check.RejectUnknown("a check constraint");
            }
        }

        var indexes = ReadIndexes(t.Raw("indexes"), context);

        var triggers = (t.ScalarList("triggers") ?? []).Select(x => x.Text).ToList();
        var constraints = new SortedDictionary<string, ConstraintSchema>(StringComparer.Ordinal);
        if (t.Raw("constraints") is YamlMappingNode constraintMap)
        {
            foreach (var (k, v) in constraintMap.Children)
            {
                if (v is YamlMappingNode m)
                {
                    var c = new YamlMapReader(m, context);
                    constraints[((YamlScalarNode)k).Value!] = new ConstraintSchema(Raw(c, "kind") ?? "c", Raw(c, "definition") ?? "", c.Boolean("inherited") ?? false);
                    c.RejectUnknown("a constraint");
                }
            }
        }

        var triggerDefinitions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (t.Raw("trigger_definitions") is YamlMappingNode triggerMap)
        {
            foreach (var (k, v) in triggerMap.Children)
            {
                triggerDefinitions[((YamlScalarNode)k).Value!] = (v as YamlScalarNode)?.Value ?? "";
            }
        }

        var policies = new SortedDictionary<string, PolicySchema>(StringComparer.Ordinal);
        var policyNode = t.Raw("policies");
        if (policyNode is YamlMappingNode policyMap)
        {
            foreach (var (k, v) in policyMap.Children)
            {
                var policyName = ((YamlScalarNode)k).Value!;
                if (v is not YamlMappingNode m)
                {
                    context.Error(v, $"policy `{policyName}`: expected a mapping such as {{ command: select, roles: [authenticated], using: \"user_id = auth.uid()\" }}");
                    continue;
                }

                var p = new YamlMapReader(m, context);
                var command = (Raw(p, "command") ?? "").ToLowerInvariant();
                if (command is not ("" or "all" or "select" or "insert" or "update" or "delete"))
                {
                    context.Error(p.LocationOf("command"), $"`command`: expected all, select, insert, update or delete, got `{command}`");
                }

                policies[policyName] = new PolicySchema(p.Boolean("permissive") ?? true, command, [.. (p.ScalarList("roles") ?? []).Select(r => r.Node.Value!)], Raw(p, "using"), Raw(p, "with_check"));
                p.RejectUnknown($"policy `{policyName}`");
            }
        }
        else if (policyNode is not null)
        {
            // An expectation may name policies only: they must exist, whatever they say.
            foreach (var (policyName, _) in t.ScalarList("policies") ?? [])
            {
                policies[policyName] = new PolicySchema(true, "", [], null, null);
            }
        }

        var inherits = (t.ScalarList("inherits") ?? []).Select(x => x.Node.Value!).ToList();
        var table2 = new
        {
            RowSecurity = t.Boolean("row_security"),
            ForceRowSecurity = t.Boolean("force_row_security"),
            PartitionBy = Raw(t, "partition_by"),
            PartitionOf = Raw(t, "partition_of"),
            PartitionBound = Raw(t, "partition_bound"),
            Unlogged = t.Boolean("unlogged") ?? false,
        };
        t.RejectUnknown($"table `{name}`");
        return table with
        {
            Constraints = constraints,
            TriggerDefinitions = triggerDefinitions,
            Policies = policies,
            RowSecurity = table2.RowSecurity,
            ForceRowSecurity = table2.ForceRowSecurity,
            PartitionBy = table2.PartitionBy,
            PartitionOf = table2.PartitionOf,
            PartitionBound = table2.PartitionBound,
            Inherits = inherits,
            Unlogged = table2.Unlogged,
            PrimaryKey = pk?.Select(p => p.Text).ToList(),
            Unique = unique,
            ForeignKeys = foreignKeys,
            Checks = checks,
            Indexes = indexes,
            Triggers = triggers,
        };
    }

    private static List<IndexSchema> ReadIndexes(YamlNode? node, SpecReadContext context)
    {
        var indexes = new List<IndexSchema>();
        foreach (var item in node as YamlSequenceNode ?? [])
        {
            if (item is YamlScalarNode s)
            {
                indexes.Add(new IndexSchema(s.Value));
            }
            else if (item is YamlMappingNode m)
            {
                var index = new YamlMapReader(m, context);
                var indexName = index.Text("name");
                var cols = index.ScalarList("columns")?.Select(c => c.Node.Value ?? "").ToList();
                if (indexName is null && cols is null)
                {
                    context.Error(m, "an index needs a `name` or `columns`");
                }

                indexes.Add(new IndexSchema(indexName, cols, index.Boolean("unique"), Raw(index, "where"))
                {
                    Valid = index.Boolean("valid"),
                    Method = Raw(index, "method"),
                    Definition = Raw(index, "definition"),
                    Inherited = index.Boolean("inherited") ?? false,
                });
                index.RejectUnknown("an index");
            }
        }

        return indexes;
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
        if (schema.Complete)
        {
            // A complete snapshot is the whole truth of the schemas it names: compared object by object.
            y.AppendLine("complete: true");
            y.AppendLine($"schemas: {List(schema.Schemas)}");
        }

        if (schema.Extensions.Count > 0)
        {
            y.AppendLine($"extensions: {List(schema.Extensions)}");
        }

        if (schema.ExtensionVersions.Count > 0)
        {
            y.AppendLine($"extension_versions: {{ {string.Join(", ", schema.ExtensionVersions.Select(e => $"{Q(e.Key)}: {Q(e.Value)}"))} }}");
        }

        if (schema.NotCompared.Count > 0)
        {
            y.AppendLine($"not_compared: {List(schema.NotCompared)}");
        }

        if (schema.Enums.Count > 0)
        {
            y.AppendLine("enums:");
            foreach (var (name, values) in schema.Enums)
            {
                y.AppendLine($"  {Q(name)}: {List(values)}");
            }
        }

        if (schema.Types.Count > 0)
        {
            y.AppendLine("types:");
            foreach (var (name, type) in schema.Types)
            {
                y.Append($"  {Q(name)}: {{ kind: {Q(type.Kind)}");
                if (type.Kind == "domain")
                {
                    y.Append($", base: {Q(type.BaseType ?? "")}, not_null: {(type.NotNull ? "true" : "false")}");
                    if (type.Default is not null)
                    {
                        y.Append($", default: {Q(type.Default)}");
                    }

                    if (type.Checks.Count > 0)
                    {
                        y.Append($", checks: {{ {string.Join(", ", type.Checks.Select(c => $"{Q(c.Key)}: {Q(c.Value)}"))} }}");
                    }
                }
                else
                {
                    y.Append($", attributes: [{string.Join(", ", type.Attributes.Select(x => List([x.Name, x.Type])))}]");
                }

                y.AppendLine(" }");
            }
        }

        if (schema.Sequences.Count > 0)
        {
            y.AppendLine("sequences:");
            foreach (var (name, q) in schema.Sequences)
            {
                var inv = System.Globalization.CultureInfo.InvariantCulture;
                y.AppendLine(string.Create(inv, $"  {Q(name)}: {{ type: {Q(q.Type)}, start: {q.Start}, increment: {q.Increment}, min: {q.Min}, max: {q.Max}, cache: {q.Cache}, cycle: {(q.Cycle ? "true" : "false")}{(q.OwnedBy is null ? "" : $", owned_by: {Q(q.OwnedBy)}")} }}"));
            }
        }

        y.AppendLine(schema.Tables.Count == 0 ? "tables: {}" : "tables:");
        foreach (var table in schema.Tables.Values)
        {
            WriteTable(y, table);
        }

        if (schema.Views.Count > 0)
        {
            y.AppendLine("views:");
            foreach (var (name, definition) in schema.Views)
            {
                // Newlines are kept (escaped): inside a literal they are data.
                y.AppendLine($"  {Q(name)}: {(definition is null ? "\"\"" : Q(definition))}");
            }
        }

        if (schema.MaterializedViews.Count > 0)
        {
            y.AppendLine("materialized_views:");
            foreach (var (name, view) in schema.MaterializedViews)
            {
                y.AppendLine($"  {Q(name)}:");
                y.AppendLine($"    definition: {Q(view.Definition)}");
                if (view.Indexes.Count > 0)
                {
                    y.AppendLine("    indexes:");
                    WriteIndexes(y, view.Indexes, "      ");
                }
            }
        }

        if (schema.ViewDependencies.Count > 0)
        {
            y.AppendLine("view_dependencies:");
            foreach (var (name, deps) in schema.ViewDependencies)
            {
                y.AppendLine($"  {Q(name)}: {List(deps)}");
            }
        }

        if (schema.Functions.Count > 0)
        {
            y.AppendLine($"functions: {List(schema.Functions)}");
        }

        if (schema.Routines.Count > 0)
        {
            y.AppendLine("routines:");
            foreach (var (signature, routine) in schema.Routines)
            {
                y.AppendLine($"  {Q(signature)}: {{ kind: {Q(routine.Kind)}{(routine.Result is null ? "" : $", result: {Q(routine.Result)}")}, definition: {Q(routine.Definition)} }}");
            }
        }

        if (schema.Grants.Count > 0)
        {
            y.AppendLine("grants:");
            foreach (var grant in schema.Grants.Values)
            {
                y.Append($"  - {{ privilege: {Q(grant.Privilege)}, on: {Q(grant.On)}, to: {Q(grant.Grantee)}");
                if (grant.GrantOption)
                {
                    y.Append(", grant_option: true");
                }

                if (grant.Column is not null)
                {
                    y.Append($", column: {Q(grant.Column)}");
                }

                if (grant.DefaultFor is not null)
                {
                    y.Append($", default_for: {Q(grant.DefaultFor)}");
                }

                y.AppendLine(" }");
            }
        }

        if (schema.Comments.Count > 0)
        {
            y.AppendLine("comments:");
            foreach (var (target, comment) in schema.Comments)
            {
                y.AppendLine($"  {Q(target)}: {Q(comment)}");
            }
        }

        return y.ToString();
    }

    private static void WriteTable(StringBuilder y, TableSchema table)
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

            if (c.IdentityGeneration is not null)
            {
                y.Append(", identity_generation: ").Append(Q(c.IdentityGeneration));
            }

            if (c.Generated is not null)
            {
                y.Append(", generated: ").Append(Q(c.Generated));
            }

            if (c.Collation is not null)
            {
                y.Append(", collation: ").Append(Q(c.Collation));
            }

            if (c.Inherited)
            {
                y.Append(", inherited: true");
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

        if (table.Constraints.Count > 0)
        {
            y.AppendLine("    constraints:");
            foreach (var (name, con) in table.Constraints)
            {
                y.AppendLine($"      {Q(name)}: {{ kind: {Q(con.Kind)}, definition: {Q(con.Definition)}{(con.Inherited ? ", inherited: true" : "")} }}");
            }
        }

        if (table.Indexes.Count > 0)
        {
            y.AppendLine("    indexes:");
            WriteIndexes(y, table.Indexes, "      ");
        }

        if (table.Triggers.Count > 0)
        {
            y.AppendLine($"    triggers: {List(table.Triggers)}");
        }

        if (table.TriggerDefinitions.Count > 0)
        {
            y.AppendLine("    trigger_definitions:");
            foreach (var (name, definition) in table.TriggerDefinitions)
            {
                y.AppendLine($"      {Q(name)}: {Q(definition)}");
            }
        }

        if (table.RowSecurity == true)
        {
            y.AppendLine("    row_security: true");
        }

        if (table.ForceRowSecurity == true)
        {
            y.AppendLine("    force_row_security: true");
        }

        if (table.Policies.Count > 0)
        {
            y.AppendLine("    policies:");
            foreach (var (name, p) in table.Policies)
            {
                y.AppendLine($"      {Q(name)}: {{ permissive: {(p.Permissive ? "true" : "false")}, command: {Q(p.Command)}, roles: {List(p.Roles)}{(p.Using is null ? "" : $", using: {Q(p.Using)}")}{(p.WithCheck is null ? "" : $", with_check: {Q(p.WithCheck)}")} }}");
            }
        }

        if (table.PartitionBy is not null)
        {
            y.AppendLine($"    partition_by: {Q(table.PartitionBy)}");
        }

        if (table.PartitionOf is not null)
        {
            y.AppendLine($"    partition_of: {Q(table.PartitionOf)}");
        }

        if (table.PartitionBound is not null)
        {
            y.AppendLine($"    partition_bound: {Q(table.PartitionBound)}");
        }

        if (table.Inherits.Count > 0)
        {
            y.AppendLine($"    inherits: {List(table.Inherits)}");
        }

        if (table.Unlogged)
        {
            y.AppendLine("    unlogged: true");
        }
    }

    private static void WriteIndexes(StringBuilder y, List<IndexSchema> indexes, string indent)
    {
        foreach (var index in indexes)
        {
            y.Append($"{indent}- {{ name: {Q(index.Name ?? "")}, columns: {List(index.Columns ?? [])}, unique: {(index.Unique == true ? "true" : "false")}");
            if (index.Where is not null)
            {
                y.Append($", where: {Q(index.Where)}");
            }

            if (index.Valid is bool valid)
            {
                y.Append($", valid: {(valid ? "true" : "false")}");
            }

            if (index.Method is not null)
            {
                y.Append($", method: {Q(index.Method)}");
            }

            if (index.Inherited)
            {
                y.Append(", inherited: true");
            }

            if (index.Definition is not null)
            {
                y.Append($", definition: {Q(index.Definition)}");
            }

            y.AppendLine(" }");
        }
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Q)) + "]";

    /// <summary>Plain when YAML reads it back as the same string; JSON-style double quotes otherwise.</summary>
    private static string Q(string value) =>
        IsPlainSafe(value) && value is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "~")
            ? value
            : JsonQuoted(value);

    /// <summary>A JSON string literal, written without the reflection-based serializer (trimming-safe).</summary>
    private static string JsonQuoted(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStringValue(value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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
