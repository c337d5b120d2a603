using System.Data.Common;

namespace Greenlight.Databases.Schema;

/// <summary>
/// Reads a PostgreSQL schema from pg_catalog, one query per object kind for all the schemas read
/// (never one per table), with definitions rendered by the server (format_type, pg_get_expr,
/// pg_get_indexdef, pg_get_constraintdef, pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef).
/// pg_catalog rather than information_schema: faster on large schemas, and it does not hide
/// objects the role lacks privileges on. Objects that belong to an extension are the extension's.
/// </summary>
internal static class PostgresIntrospector
{
    /// <summary>Schemas a user made: not pg_*, not information_schema, not an extension's.</summary>
    private const string UserSchemas = """
        SELECT n.nspname FROM pg_namespace n
        WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
        ORDER BY n.nspname
        """;

    private const string NotExtensionMember = "NOT EXISTS (SELECT 1 FROM pg_depend dx WHERE dx.classid = {0}::regclass AND dx.objid = {1} AND dx.deptype = 'e')";

    /// <summary>One schema (the namespace): the shape the schema check and older callers use.</summary>
    public static Task<DatabaseSchema> ReadAsync(DatabaseSession session, string schemaName, TimeSpan timeout, CancellationToken cancellationToken) =>
        ReadAsync(session, [schemaName], timeout, cancellationToken);

    /// <summary>
    /// The given schemas, or every user schema when <paramref name="schemas"/> is null or empty.
    /// Objects of the first schema (public when it is among them) have bare names, others are qualified.
    /// </summary>
    public static async Task<DatabaseSchema> ReadAsync(DatabaseSession session, IReadOnlyList<string>? schemas, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var names = schemas is { Count: > 0 } ? schemas.ToList() : [];
        if (names.Count == 0)
        {
            await ForEachAsync(session, UserSchemas, [], r => names.Add(r.GetString(0)), cancellationToken);
            var primary = names.Contains("public") ? "public" : names.FirstOrDefault() ?? "public";
            names.Remove(primary);
            names.Insert(0, primary);
        }

        var list = names.ToArray();
        var schema = new DatabaseSchema { Namespace = list[0], Schemas = [.. list], Complete = true };
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await ForEachAsync(session, "SELECT nspname FROM pg_namespace WHERE nspname = ANY(@schemas)", list, r => existing.Add(r.GetString(0)), cancellationToken);
        schema.Schemas.RemoveAll(s => !existing.Contains(s));

        // The columns (the largest read) come on a second connection that shares this one's
        // snapshot, while everything else is read here: both see exactly the same schema. A session
        // that has written (a migration dry-run) is read alone: another connection would not see its changes.
        Task<ColumnRead> columnsTask;
        await using (var written = session.Command("SELECT txid_current_if_assigned() IS NOT NULL"))
        {
            if ((bool)(await written.ExecuteScalarAsync(cancellationToken))!)
            {
                columnsTask = Task.FromResult(await ReadColumnsAsync(session, schema, list, cancellationToken));
            }
            else
            {
                await using var export = session.Command("SELECT pg_export_snapshot()");
                var snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
                columnsTask = ReadColumnsOnOwnConnectionAsync(session.Target, snapshot, schema, list, timeout, cancellationToken);
            }
        }

        var parents = new Dictionary<string, List<(int Seq, string Parent)>>(StringComparer.Ordinal);
        await ForEachAsync(session, $"""
            SELECT n.nspname, c.relname, c.relkind::text, c.relispartition, c.relpersistence::text, c.relrowsecurity, c.relforcerowsecurity,
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, pg_get_expr(c.relpartbound, c.oid),
                   (SELECT array_agg(pn.nspname || '.' || p.relname ORDER BY i.inhseqno) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                    JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p') AND {string.Format(NotExtensionMember, "'pg_class'", "c.oid")}
            """, list, r =>
            {
                var name = schema.Qualify(r.GetString(0), r.GetString(1));
                var inherits = r.IsDBNull(9) ? [] : ((string[])r.GetValue(9)).Select(p => QualifyDotted(schema, p)).ToList();
                var isPartition = r.GetBoolean(3);
                schema.Tables[name] = new TableSchema(name)
                {
                    Unlogged = r.GetString(4) == "u",
                    RowSecurity = r.GetBoolean(5),
                    ForceRowSecurity = r.GetBoolean(6),
                    PartitionBy = r.IsDBNull(7) ? null : r.GetString(7),
                    PartitionOf = isPartition ? inherits.FirstOrDefault() : null,
                    PartitionBound = isPartition && !r.IsDBNull(8) ? r.GetString(8) : null,
                    Inherits = isPartition ? [] : inherits,
                };
            }, cancellationToken);

        var foreignTables = new HashSet<uint>();
        var constraints = new List<(string Table, string Name, string Type, string Definition, bool Local, uint Relation, short[] Keys, string? ForeignName, uint ForeignRelation, short[]? ForeignKeys, string OnDelete, string OnUpdate)>();
        await ForEachAsync(session, """
            SELECT n.nspname, c.relname, con.conname, con.contype::text,
                   -- pg_get_constraintdef leaves out the key index's storage parameters (WITH (fillfactor = …)).
                   pg_get_constraintdef(con.oid) || CASE WHEN con.contype IN ('p', 'u', 'x') THEN coalesce((SELECT ' WITH (' || array_to_string(i.reloptions, ', ') || ')' FROM pg_class i WHERE i.oid = con.conindid AND i.reloptions IS NOT NULL), '') ELSE '' END,
                   con.conislocal,
                   con.conrelid, con.conkey, fn.nspname, fc.relname, con.confrelid, con.confkey, con.confdeltype::text, con.confupdtype::text
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE n.nspname = ANY(@schemas) AND con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p')
            ORDER BY c.relname, con.conname
            """, list, r =>
            {
                string? foreign = null;
                if (!r.IsDBNull(9))
                {
                    foreign = schema.Qualify(r.GetString(8), r.GetString(9));
                    if (!list.Contains(r.GetString(8)))
                    {
                        foreignTables.Add((uint)r.GetValue(10));
                    }
                }

                constraints.Add((schema.Qualify(r.GetString(0), r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5), (uint)r.GetValue(6),
                    r.IsDBNull(7) ? [] : (short[])r.GetValue(7), foreign, r.IsDBNull(10) ? 0 : (uint)r.GetValue(10),
                    r.IsDBNull(11) ? null : (short[])r.GetValue(11), r.GetString(12), r.GetString(13)));
            }, cancellationToken);

        var indexes = new List<(string Table, bool View, IndexSchema Index, uint Relation, short[] Keys, string[]? Expressions)>();
        await ForEachAsync(session, """
            SELECT n.nspname, t.relname, t.relkind::text, i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid), ix.indrelid,
                   (ix.indkey::int2[])[0:ix.indnkeyatts - 1],
                   CASE WHEN 0 = ANY(ix.indkey::int2[]) THEN ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) k ORDER BY k) END,
                   ix.indisvalid, am.amname, pg_get_indexdef(ix.indexrelid), i.relispartition
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
            WHERE n.nspname = ANY(@schemas) AND t.relkind IN ('r', 'p', 'm')
              -- pg_constraint has no index on conindid: an anti-join by hash, not a scan per index.
              AND ix.indexrelid NOT IN (SELECT con.conindid FROM pg_constraint con WHERE con.contype IN ('p', 'u', 'x'))
            ORDER BY t.relname, i.relname
            """, list, r => indexes.Add((schema.Qualify(r.GetString(0), r.GetString(1)), r.GetString(2) == "m",
                new IndexSchema(r.GetString(3), null, r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetString(5))
                {
                    Valid = r.GetBoolean(9), Method = r.GetString(10), Definition = r.GetString(11), Inherited = r.GetBoolean(12),
                },
                (uint)r.GetValue(6), (short[])r.GetValue(7), r.IsDBNull(8) ? null : (string[])r.GetValue(8))), cancellationToken);

        await ReadTriggersAndPoliciesAsync(session, schema, list, cancellationToken);
        await ReadViewsAsync(session, schema, list, cancellationToken);
        await ReadRoutinesAsync(session, schema, list, cancellationToken);
        await ReadTypesAsync(session, schema, list, cancellationToken);
        await ReadSequencesAsync(session, schema, list, cancellationToken);
        await ReadGrantsAsync(session, schema, list, cancellationToken);
        await ReadCommentsAsync(session, schema, list, cancellationToken);
        await ReadNotComparedAsync(session, schema, list, cancellationToken);

        await ForEachAsync(session, "SELECT extname, extversion FROM pg_extension WHERE extname <> 'plpgsql' AND @schemas IS NOT NULL ORDER BY extname",
            list, r =>
            {
                schema.Extensions.Add(r.GetString(0));
                schema.ExtensionVersions[r.GetString(0)] = r.GetString(1);
            }, cancellationToken);

        var (columns, attributes) = await columnsTask;
        foreach (var (table, tableColumns) in columns)
        {
            if (schema.Tables.TryGetValue(table, out var t))
            {
                t.Columns.AddRange(tableColumns.OrderBy(c => c.Number).Select(c => c.Column));
            }
        }

        // Expression indexes (a key of 0) are rendered by the server; plain columns are named here.
        foreach (var ix in indexes)
        {
            var keyColumns = ix.Expressions ?? [.. ix.Keys.Select(k => attributes.GetValueOrDefault((ix.Relation, k)) ?? $"#{k}")];
            var index = ix.Index with { Columns = keyColumns };
            if (ix.View)
            {
                schema.MaterializedViews.GetValueOrDefault(ix.Table)?.Indexes.Add(index);
            }
            else if (schema.Tables.TryGetValue(ix.Table, out var table))
            {
                table.Indexes.Add(index);
            }
        }

        if (foreignTables.Count > 0)
        {
            // Foreign keys into a schema not read: name those tables' key columns too.
            await using var command = session.Command("SELECT attrelid, attnum, attname FROM pg_attribute WHERE attrelid = ANY(@tables) AND attnum > 0");
            // Npgsql cannot infer a type for uint[]: say oid[] (Issue 11: a Supabase foreign key into auth.users crashed the dry-run).
            command.Parameters.Add(new Npgsql.NpgsqlParameter("tables", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = foreignTables.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                attributes[((uint)reader.GetValue(0), reader.GetInt16(1))] = reader.GetString(2);
            }
        }

        var primaryKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var con in constraints)
        {
            if (!schema.Tables.TryGetValue(con.Table, out var table))
            {
                continue;
            }

            table.Constraints[con.Name] = new ConstraintSchema(con.Type, con.Definition, !con.Local);
            var keys = con.Keys.Select(k => attributes.GetValueOrDefault((con.Relation, k)) ?? $"#{k}").ToArray();
            switch (con.Type)
            {
                case "p":
                    primaryKeys[table.Name] = keys;
                    break;
                case "u":
                    table.Unique.Add(keys);
                    break;
                case "c":
                    table.Checks.Add(new CheckConstraintSchema(con.Name, con.Definition));
                    break;
                case "f":
                    var referencedColumns = (con.ForeignKeys ?? []).Select(k => attributes.GetValueOrDefault((con.ForeignRelation, k)) ?? $"#{k}").ToArray();
                    table.ForeignKeys.Add(new ForeignKeySchema(con.Name, keys, con.ForeignName!, referencedColumns, Action(con.OnDelete), Action(con.OnUpdate)));
                    break;
            }
        }

        foreach (var (name, key) in primaryKeys)
        {
            schema.Tables[name] = schema.Tables[name] with { PrimaryKey = key };
        }

        return schema;
    }

    private static async Task ReadTriggersAndPoliciesAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        var onViews = 0;
        await ForEachAsync(session, """
            SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled::text
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(@schemas) AND NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY c.relname, t.tgname
            """, list, r =>
            {
                if (schema.Tables.TryGetValue(schema.Qualify(r.GetString(0), r.GetString(1)), out var table))
                {
                    table.Triggers.Add(r.GetString(2));
                    // Not enabled (D), or enabled only for replicas (R) or always (A): part of the definition.
                    var state = r.GetString(4) switch { "D" => " -- DISABLE", "R" => " -- ENABLE REPLICA", "A" => " -- ENABLE ALWAYS", _ => "" };
                    table.TriggerDefinitions[r.GetString(2)] = r.GetString(3) + state;
                }
                else
                {
                    onViews++;
                }
            }, cancellationToken);
        if (onViews > 0)
        {
            schema.NotCompared.Add($"{onViews} trigger{(onViews == 1 ? "" : "s")} on views (INSTEAD OF)");
        }

        await ForEachAsync(session, """
            SELECT n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd::text,
                   ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END FROM unnest(p.polroles) r ORDER BY 1),
                   pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
            FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(@schemas)
            """, list, r =>
            {
                if (schema.Tables.TryGetValue(schema.Qualify(r.GetString(0), r.GetString(1)), out var table))
                {
                    var command = r.GetString(4) switch { "r" => "select", "a" => "insert", "w" => "update", "d" => "delete", _ => "all" };
                    table.Policies[r.GetString(2)] = new PolicySchema(r.GetBoolean(3), command, (string[])r.GetValue(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7));
                }
            }, cancellationToken);
    }

    private static async Task ReadViewsAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        var withOptions = 0;
        await ForEachAsync(session, $"""
            SELECT n.nspname, c.relname, c.relkind::text, pg_get_viewdef(c.oid, true), c.reloptions IS NOT NULL
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(@schemas) AND c.relkind IN ('v', 'm') AND {string.Format(NotExtensionMember, "'pg_class'", "c.oid")} ORDER BY c.relname
            """, list, r =>
            {
                var name = schema.Qualify(r.GetString(0), r.GetString(1));
                var definition = r.GetString(3).Trim();
                if (r.GetString(2) == "m")
                {
                    schema.MaterializedViews[name] = new MaterializedViewSchema(definition);
                }
                else
                {
                    schema.Views[name] = definition;
                }

                withOptions += r.GetBoolean(4) ? 1 : 0;
            }, cancellationToken);
        if (withOptions > 0)
        {
            schema.NotCompared.Add($"options of {withOptions} view{(withOptions == 1 ? "" : "s")} (security_barrier, security_invoker, check_option)");
        }

        await ForEachAsync(session, """
            SELECT DISTINCT vn.nspname, v.relname, rn.nspname, r.relname
            FROM pg_depend d JOIN pg_rewrite rw ON rw.oid = d.objid
            JOIN pg_class v ON v.oid = rw.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace
            JOIN pg_class r ON r.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = r.relnamespace
            WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
              AND v.relkind IN ('v', 'm') AND r.oid <> v.oid AND vn.nspname = ANY(@schemas)
            ORDER BY 1, 2, 3, 4
            """, list, r =>
            {
                var view = schema.Qualify(r.GetString(0), r.GetString(1));
                (schema.ViewDependencies.TryGetValue(view, out var deps) ? deps : schema.ViewDependencies[view] = []).Add(schema.Qualify(r.GetString(2), r.GetString(3)));
            }, cancellationToken);
    }

    private static async Task ReadRoutinesAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        // Aggregates have no pg_get_functiondef: their CREATE AGGREGATE is assembled from pg_aggregate.
        await ForEachAsync(session, $"""
            SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind::text,
                   CASE WHEN p.prokind = 'a' THEN
                     format('CREATE AGGREGATE %s(%s) (SFUNC = %s, STYPE = %s%s%s%s)', quote_ident(n.nspname) || '.' || quote_ident(p.proname),
                       pg_get_function_identity_arguments(p.oid), a.aggtransfn::regproc, format_type(a.aggtranstype, NULL),
                       CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc END,
                       CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc END,
                       CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) END)
                   ELSE pg_get_functiondef(p.oid) END,
                   pg_get_function_result(p.oid), a.aggkind::text
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
            WHERE n.nspname = ANY(@schemas) AND {string.Format(NotExtensionMember, "'pg_proc'", "p.oid")}
            ORDER BY p.proname
            """, list, r =>
            {
                var name = schema.Qualify(r.GetString(0), r.GetString(1));
                if (!schema.Functions.Contains(name))
                {
                    schema.Functions.Add(name);
                }

                if (!r.IsDBNull(6) && r.GetString(6) != "n")
                {
                    schema.NotCompared.Add($"ordered-set aggregate {name}");
                    return;
                }

                schema.Routines[$"{name}({r.GetString(2)})"] = new RoutineSchema(r.GetString(3), r.GetString(4).Trim(), r.IsDBNull(5) ? null : r.GetString(5));
            }, cancellationToken);
        schema.Functions.Sort(StringComparer.Ordinal);
    }

    private static async Task ReadTypesAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        await ForEachAsync(session, $"""
            SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_type t
            JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY(@schemas) AND {string.Format(NotExtensionMember, "'pg_type'", "t.oid")} GROUP BY n.nspname, t.typname ORDER BY t.typname
            """, list, r => schema.Enums[schema.Qualify(r.GetString(0), r.GetString(1))] = (string[])r.GetValue(2), cancellationToken);

        await ForEachAsync(session, $"""
            SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,
                   ARRAY(SELECT c.conname || '=' || pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.contypid = t.oid ORDER BY c.conname)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY(@schemas) AND t.typtype = 'd' AND {string.Format(NotExtensionMember, "'pg_type'", "t.oid")}
            """, list, r =>
            {
                var type = new TypeSchema("domain") { BaseType = r.GetString(2), NotNull = r.GetBoolean(3), Default = r.IsDBNull(4) ? null : r.GetString(4) };
                foreach (var check in (string[])r.GetValue(5))
                {
                    var eq = check.IndexOf('=', StringComparison.Ordinal);
                    type.Checks[check[..eq]] = check[(eq + 1)..];
                }

                schema.Types[schema.Qualify(r.GetString(0), r.GetString(1))] = type;
            }, cancellationToken);

        await ForEachAsync(session, $"""
            SELECT n.nspname, t.typname, ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
                   ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid
            WHERE n.nspname = ANY(@schemas) AND t.typtype = 'c' AND c.relkind = 'c' AND {string.Format(NotExtensionMember, "'pg_type'", "t.oid")}
            """, list, r =>
            {
                var attributeNames = (string[])r.GetValue(2);
                var attributeTypes = (string[])r.GetValue(3);
                schema.Types[schema.Qualify(r.GetString(0), r.GetString(1))] = new TypeSchema("composite") { Attributes = [.. attributeNames.Zip(attributeTypes)] };
            }, cancellationToken);
    }

    private static async Task ReadSequencesAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        // Identity columns' sequences belong to their column (deptype i); a serial's is owned (deptype a).
        await ForEachAsync(session, $"""
            SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   (SELECT tn.nspname || '|' || t.relname || '|' || a.attname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                    JOIN pg_namespace tn ON tn.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' LIMIT 1)
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(@schemas) AND {string.Format(NotExtensionMember, "'pg_class'", "c.oid")}
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
            """, list, r =>
            {
                string? owner = null;
                if (!r.IsDBNull(9))
                {
                    var parts = r.GetString(9).Split('|');
                    owner = $"{schema.Qualify(parts[0], parts[1])}.{parts[2]}";
                }

                schema.Sequences[schema.Qualify(r.GetString(0), r.GetString(1))] = new SequenceSchema(
                    r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetBoolean(8), owner);
            }, cancellationToken);
    }

    private static async Task ReadGrantsAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        // Every ACL is exploded against its default (acldefault) so "never granted" and "granted the
        // default" read the same; the owner's own entries are left out: they follow the owner.
        await ForEachAsync(session, """
            SELECT 'rel', n.nspname, c.relname, c.relkind::text, NULL::text, x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END, x.is_grantable
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
                 aclexplode(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) x
            WHERE n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND x.grantee <> c.relowner
            UNION ALL
            SELECT 'col', n.nspname, c.relname, c.relkind::text, a.attname, x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END, x.is_grantable
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(a.attacl) x
            WHERE n.nspname = ANY(@schemas) AND a.attacl IS NOT NULL AND a.attnum > 0 AND x.grantee <> c.relowner
            UNION ALL
            SELECT 'fn', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.prokind::text, NULL, x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END, x.is_grantable
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) x
            WHERE n.nspname = ANY(@schemas) AND x.grantee <> p.proowner
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            UNION ALL
            SELECT 'nsp', n.nspname, n.nspname, NULL, NULL, x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END, x.is_grantable
            FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) x
            WHERE n.nspname = ANY(@schemas) AND x.grantee <> n.nspowner
            UNION ALL
            SELECT 'def', coalesce(n.nspname, ''), pg_get_userbyid(d.defaclrole), d.defaclobjtype::text, NULL, x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END, x.is_grantable
            FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) x
            WHERE (n.nspname IS NULL OR n.nspname = ANY(@schemas)) AND x.grantee <> d.defaclrole
            """, list, r =>
            {
                var grantee = r.GetString(6);
                var kind = r.GetString(0);
                var name = kind == "nsp" ? r.GetString(1) : kind == "def" ? r.GetString(2) : schema.Qualify(r.GetString(1), r.GetString(2));
                var objectKind = r.IsDBNull(3) ? "" : r.GetString(3);
                var grant = kind switch
                {
                    "rel" => new GrantSchema(r.GetString(5), $"{(objectKind == "S" ? "SEQUENCE" : "TABLE")} {SchemaDiff.Id(name)}", grantee, r.GetBoolean(7)),
                    "col" => new GrantSchema(r.GetString(5), $"TABLE {SchemaDiff.Id(name)}", grantee, r.GetBoolean(7), Column: r.GetString(4)),
                    "fn" => new GrantSchema(r.GetString(5), $"{(objectKind == "p" ? "PROCEDURE" : "FUNCTION")} {SchemaDiff.RoutineId(name)}", grantee, r.GetBoolean(7)),
                    "nsp" => new GrantSchema(r.GetString(5), $"SCHEMA {SchemaDiff.Ident(name)}", grantee, r.GetBoolean(7)),
                    _ => new GrantSchema(r.GetString(5), objectKind switch { "r" => "TABLES", "S" => "SEQUENCES", "f" => "FUNCTIONS", "T" => "TYPES", _ => "SCHEMAS" },
                        grantee, r.GetBoolean(7), DefaultFor: $"FOR ROLE {SchemaDiff.Ident(name)}{(r.GetString(1).Length == 0 ? "" : $" IN SCHEMA {SchemaDiff.Ident(r.GetString(1))}")}"),
                };
                schema.Grants[grant.Key] = grant;
            }, cancellationToken);
    }

    private static async Task ReadCommentsAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        await ForEachAsync(session, """
            SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'i' THEN 'INDEX' WHEN 'I' THEN 'INDEX' ELSE 'TABLE' END,
                   n.nspname, c.relname, NULL::text, d.description
            FROM pg_description d JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE d.classoid = 'pg_class'::regclass AND d.objsubid = 0 AND n.nspname = ANY(@schemas)
            UNION ALL
            SELECT 'COLUMN', n.nspname, c.relname, a.attname, d.description
            FROM pg_description d JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
            WHERE d.classoid = 'pg_class'::regclass AND d.objsubid > 0 AND n.nspname = ANY(@schemas)
            UNION ALL
            SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, n.nspname,
                   p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL, d.description
            FROM pg_description d JOIN pg_proc p ON p.oid = d.objoid JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE d.classoid = 'pg_proc'::regclass AND n.nspname = ANY(@schemas)
            UNION ALL
            SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname, NULL, d.description
            FROM pg_description d JOIN pg_type t ON t.oid = d.objoid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE d.classoid = 'pg_type'::regclass AND n.nspname = ANY(@schemas)
            UNION ALL
            SELECT 'SCHEMA', n.nspname, n.nspname, NULL, d.description
            FROM pg_description d JOIN pg_namespace n ON n.oid = d.objoid
            WHERE d.classoid = 'pg_namespace'::regclass AND n.nspname = ANY(@schemas) AND n.nspname <> 'public'
            UNION ALL
            SELECT 'CONSTRAINT', n.nspname, c.relname, con.conname, d.description
            FROM pg_description d JOIN pg_constraint con ON con.oid = d.objoid JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE d.classoid = 'pg_constraint'::regclass AND n.nspname = ANY(@schemas)
            UNION ALL
            SELECT 'TRIGGER', n.nspname, c.relname, t.tgname, d.description
            FROM pg_description d JOIN pg_trigger t ON t.oid = d.objoid JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE d.classoid = 'pg_trigger'::regclass AND n.nspname = ANY(@schemas)
            UNION ALL
            SELECT 'POLICY', n.nspname, c.relname, p.polname, d.description
            FROM pg_description d JOIN pg_policy p ON p.oid = d.objoid JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE d.classoid = 'pg_policy'::regclass AND n.nspname = ANY(@schemas)
            """, list, r =>
            {
                var kind = r.GetString(0);
                var name = kind == "SCHEMA" ? r.GetString(1) : schema.Qualify(r.GetString(1), r.GetString(2));
                var target = kind switch
                {
                    "SCHEMA" => $"SCHEMA {SchemaDiff.Ident(name)}",
                    "COLUMN" => $"COLUMN {SchemaDiff.Id(name)}.{SchemaDiff.Ident(r.GetString(3))}",
                    "CONSTRAINT" or "TRIGGER" or "POLICY" => $"{kind} {SchemaDiff.Ident(r.GetString(3))} ON {SchemaDiff.Id(name)}",
                    "FUNCTION" or "PROCEDURE" or "AGGREGATE" => $"{kind} {SchemaDiff.RoutineId(name)}",
                    _ => $"{kind} {SchemaDiff.Id(name)}",
                };
                schema.Comments[target] = r.GetString(4);
            }, cancellationToken);
    }

    /// <summary>What the database uses that the model does not compare: reported, never silently ignored.</summary>
    private static async Task ReadNotComparedAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        await ForEachAsync(session, """
            SELECT 'foreign tables', count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'f' AND n.nspname = ANY(@schemas)
            UNION ALL SELECT 'rules', count(*) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE r.rulename <> '_RETURN' AND n.nspname = ANY(@schemas)
            UNION ALL SELECT 'event triggers', count(*) FROM pg_event_trigger WHERE @schemas IS NOT NULL
            UNION ALL SELECT 'publications', count(*) FROM pg_publication WHERE @schemas IS NOT NULL
            UNION ALL SELECT 'extended statistics', count(*) FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ANY(@schemas)
            UNION ALL SELECT 'collations', count(*) FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname = ANY(@schemas)
            UNION ALL SELECT 'operators', count(*) FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = ANY(@schemas)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid AND d.deptype = 'e')
            UNION ALL SELECT 'range and base types', count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('r', 'b', 'm') AND n.nspname = ANY(@schemas)
              AND t.typelem = 0 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
            UNION ALL SELECT 'text search configurations', count(*) FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE n.nspname = ANY(@schemas)
            UNION ALL SELECT 'tables with storage parameters', count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p') AND c.reloptions IS NOT NULL AND n.nspname = ANY(@schemas)
            """, list, r =>
            {
                var count = r.GetInt64(1);
                if (count > 0)
                {
                    schema.NotCompared.Add($"{count} {r.GetString(0)}");
                }
            }, cancellationToken);
    }

    private sealed record ColumnRead(Dictionary<string, List<(short Number, ColumnSchema Column)>> Columns, Dictionary<(uint Table, short Number), string> Attributes)
    {
        public void Deconstruct(out Dictionary<string, List<(short Number, ColumnSchema Column)>> columns, out Dictionary<(uint Table, short Number), string> attributes)
        {
            columns = Columns;
            attributes = Attributes;
        }
    }

    private static async Task<ColumnRead> ReadColumnsOnOwnConnectionAsync(
        DatabaseTarget target, string snapshot, DatabaseSchema schema, string[] list, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var session = await DatabaseSession.OpenReadOnlyAsync(target, timeout, cancellationToken, snapshot, builtInTypesOnly: true);
        return await ReadColumnsAsync(session, schema, list, cancellationToken);
    }

    /// <summary>
    /// Columns of every table in the schemas read. Types are rendered by format_type once per
    /// distinct (type, modifier) rather than once per column, and sorted here.
    /// </summary>
    private static async Task<ColumnRead> ReadColumnsAsync(DatabaseSession session, DatabaseSchema schema, string[] list, CancellationToken cancellationToken)
    {
        var types = new Dictionary<(uint Type, int Modifier), string>();
        await ForEachAsync(session, """
            SELECT DISTINCT a.atttypid, a.atttypmod, format_type(a.atttypid, a.atttypmod)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p')
            """, list, r => types[((uint)r.GetValue(0), r.GetInt32(1))] = r.GetString(2), cancellationToken);

        var collations = new Dictionary<uint, string>();
        await ForEachAsync(session, """
            SELECT c.oid, CASE WHEN n.nspname = 'pg_catalog' THEN quote_ident(c.collname) ELSE quote_ident(n.nspname) || '.' || quote_ident(c.collname) END
            FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
            WHERE c.oid IN (SELECT DISTINCT a.attcollation FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
                            JOIN pg_type t ON t.oid = a.atttypid WHERE rn.nspname = ANY(@schemas) AND a.attcollation <> t.typcollation AND a.attcollation <> 0)
            """, list, r => collations[(uint)r.GetValue(0)] = r.GetString(1), cancellationToken);

        var columns = new Dictionary<string, List<(short, ColumnSchema)>>(StringComparer.Ordinal);
        var attributes = new Dictionary<(uint Table, short Number), string>();
        await ForEachAsync(session, """
            SELECT c.oid, n.nspname, c.relname, a.attnum, a.attname, a.atttypid, a.atttypmod, NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
                   a.attidentity::text, a.attgenerated::text, CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation END, a.attislocal
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p')
            """, list, r =>
            {
                var expression = r.IsDBNull(8) ? null : r.GetString(8);
                var generated = r.GetString(10) == "s" ? expression : null;
                var defaultExpression = generated is null ? expression : null;
                var identityKind = r.GetString(9) switch { "a" => "always", "d" => "by default", _ => null };
                var identity = identityKind is not null || (defaultExpression?.StartsWith("nextval(", StringComparison.Ordinal) ?? false);
                var number = r.GetInt16(3);
                var name = r.GetString(4);
                attributes[((uint)r.GetValue(0), number)] = name;
                var table = schema.Qualify(r.GetString(1), r.GetString(2));
                if (!columns.TryGetValue(table, out var list))
                {
                    list = [];
                    columns[table] = list;
                }

                var collation = r.IsDBNull(11) ? null : collations.GetValueOrDefault((uint)r.GetValue(11));
                list.Add((number, new ColumnSchema(name, types[((uint)r.GetValue(5), r.GetInt32(6))], r.GetBoolean(7), defaultExpression, identity,
                    IdentityGeneration: identityKind, Generated: generated, Collation: collation, Inherited: !r.GetBoolean(12))));
            }, cancellationToken);
        return new ColumnRead(columns, attributes);
    }

    /// <summary>"public.users" as pg_inherits names it → the model's name for it.</summary>
    private static string QualifyDotted(DatabaseSchema schema, string dotted)
    {
        var dot = dotted.IndexOf('.', StringComparison.Ordinal);
        return schema.Qualify(dotted[..dot], dotted[(dot + 1)..]);
    }

    private static string Action(string code) => code switch
    {
        "r" => "restrict",
        "c" => "cascade",
        "n" => "set null",
        "d" => "set default",
        _ => "no action",
    };

    private static async Task ForEachAsync(DatabaseSession session, string sql, string[] schemas, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = session.Command(sql);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "schemas";
        parameter.Value = schemas;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
