using System.Data.Common;

namespace Greenlight.Databases.Schema;

/// <summary>
/// Reads a PostgreSQL schema from pg_catalog, one query per object kind for the whole namespace
/// (never one per table), with definitions rendered by the server (format_type, pg_get_expr,
/// pg_get_indexdef, pg_get_constraintdef). pg_catalog rather than information_schema: faster on
/// large schemas, and it does not hide objects the role lacks privileges on.
/// </summary>
internal static class PostgresIntrospector
{
    public static async Task<DatabaseSchema> ReadAsync(DatabaseSession session, string schemaName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var schema = new DatabaseSchema { Namespace = schemaName };

        // The columns (the largest read) come on a second connection that shares this one's
        // snapshot, while everything else is read here: both see exactly the same schema.
        // A session that writes (a migration dry-run) reads everything itself: no other connection sees its changes.
        Task<(Dictionary<string, List<(short Number, ColumnSchema Column)>>, Dictionary<(uint Table, short Number), string>)>? columnsTask = null;
        if (!session.SingleConnection)
        {
            string snapshot;
            await using (var export = session.Command("SELECT pg_export_snapshot()"))
            {
                snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
            }

            columnsTask = ReadColumnsAsync(session.Target, snapshot, schemaName, timeout, cancellationToken);
        }

        await ForEachAsync(session, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            """, schemaName, r => schema.Tables[r.GetString(0)] = new TableSchema(r.GetString(0)), cancellationToken);

        var foreignTables = new HashSet<uint>();
        var constraints = new List<(string Table, string Name, string Type, string? Definition, uint Relation, short[] Keys, string? ForeignTable, string? ForeignSchema, uint ForeignRelation, short[]? ForeignKeys, string OnDelete, string OnUpdate)>();
        await ForEachAsync(session, """
            SELECT c.relname, con.conname, con.contype::text, CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END,
                   con.conrelid, con.conkey, fc.relname, fn.nspname, con.confrelid, con.confkey, con.confdeltype::text, con.confupdtype::text
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE n.nspname = @schema AND con.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p')
            ORDER BY c.relname, con.conname
            """, schemaName, r =>
            {
                var foreign = r.IsDBNull(6) ? null : r.GetString(6);
                if (foreign is not null && r.GetString(7) != schemaName)
                {
                    foreignTables.Add((uint)r.GetValue(8));
                }

                constraints.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), (uint)r.GetValue(4),
                    r.IsDBNull(5) ? [] : (short[])r.GetValue(5), foreign, r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? 0 : (uint)r.GetValue(8),
                    r.IsDBNull(9) ? null : (short[])r.GetValue(9), r.GetString(10), r.GetString(11)));
            }, cancellationToken);

        var indexes = new List<(string Table, string Name, bool Unique, string? Where, uint Relation, short[] Keys, string[]? Expressions)>();
        await ForEachAsync(session, """
            SELECT t.relname, i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid), ix.indrelid,
                   (ix.indkey::int2[])[0:ix.indnkeyatts - 1],
                   CASE WHEN 0 = ANY(ix.indkey::int2[]) THEN ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) k ORDER BY k) END
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = @schema AND t.relkind IN ('r', 'p')
              -- pg_constraint has no index on conindid: an anti-join by hash, not a scan per index.
              AND ix.indexrelid NOT IN (SELECT con.conindid FROM pg_constraint con WHERE con.contype IN ('p', 'u', 'x'))
            ORDER BY t.relname, i.relname
            """, schemaName, r => indexes.Add((r.GetString(0), r.GetString(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3), (uint)r.GetValue(4),
                (short[])r.GetValue(5), r.IsDBNull(6) ? null : (string[])r.GetValue(6))), cancellationToken);

        var (columns, attributes) = columnsTask is null ? await ReadColumnsAsync(session, schemaName, cancellationToken) : await columnsTask;
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
            if (schema.Tables.TryGetValue(ix.Table, out var table))
            {
                var keyColumns = ix.Expressions ?? [.. ix.Keys.Select(k => attributes.GetValueOrDefault((ix.Relation, k)) ?? $"#{k}")];
                table.Indexes.Add(new IndexSchema(ix.Name, keyColumns, ix.Unique, ix.Where));
            }
        }

        if (foreignTables.Count > 0)
        {
            // Foreign keys into another schema: name those tables' key columns too.
            await using var command = session.Command("SELECT attrelid, attnum, attname FROM pg_attribute WHERE attrelid = ANY(@tables) AND attnum > 0");
            var parameter = command.CreateParameter();
            parameter.ParameterName = "tables";
            parameter.Value = foreignTables.ToArray();
            command.Parameters.Add(parameter);
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
                    var referenced = con.ForeignSchema == schemaName ? con.ForeignTable! : $"{con.ForeignSchema}.{con.ForeignTable}";
                    var referencedColumns = (con.ForeignKeys ?? []).Select(k => attributes.GetValueOrDefault((con.ForeignRelation, k)) ?? $"#{k}").ToArray();
                    table.ForeignKeys.Add(new ForeignKeySchema(con.Name, keys, referenced, referencedColumns, Action(con.OnDelete), Action(con.OnUpdate)));
                    break;
            }
        }

        foreach (var (name, key) in primaryKeys)
        {
            schema.Tables[name] = schema.Tables[name] with { PrimaryKey = key };
        }

        await ForEachAsync(session, """
            SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND NOT t.tgisinternal ORDER BY c.relname, t.tgname
            """, schemaName, r =>
            {
                if (schema.Tables.TryGetValue(r.GetString(0), out var table))
                {
                    table.Triggers.Add(r.GetString(1));
                }
            }, cancellationToken);

        await ForEachAsync(session, """
            SELECT c.relname, pg_get_viewdef(c.oid, true) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('v', 'm') ORDER BY c.relname
            """, schemaName, r => schema.Views[r.GetString(0)] = r.GetString(1).Trim(), cancellationToken);

        await ForEachAsync(session, """
            SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = @schema AND p.prokind IN ('f', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY p.proname
            """, schemaName, r => schema.Functions.Add(r.GetString(0)), cancellationToken);

        await ForEachAsync(session, """
            SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_type t
            JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = @schema GROUP BY t.typname ORDER BY t.typname
            """, schemaName, r => schema.Enums[r.GetString(0)] = (string[])r.GetValue(1), cancellationToken);

        await ForEachAsync(session, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' AND @schema IS NOT NULL ORDER BY extname",
            schemaName, r => schema.Extensions.Add(r.GetString(0)), cancellationToken);
        return schema;
    }

    /// <summary>
    /// Columns of every table in the namespace, on their own connection. Types are rendered by
    /// format_type once per distinct (type, modifier) rather than once per column, and sorted here.
    /// </summary>
    private static async Task<(Dictionary<string, List<(short Number, ColumnSchema Column)>> Columns, Dictionary<(uint Table, short Number), string> Attributes)> ReadColumnsAsync(
        DatabaseTarget target, string snapshot, string schemaName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var session = await DatabaseSession.OpenReadOnlyAsync(target, timeout, cancellationToken, snapshot, builtInTypesOnly: true);
        return await ReadColumnsAsync(session, schemaName, cancellationToken);
    }

    private static async Task<(Dictionary<string, List<(short Number, ColumnSchema Column)>> Columns, Dictionary<(uint Table, short Number), string> Attributes)> ReadColumnsAsync(
        DatabaseSession session, string schemaName, CancellationToken cancellationToken)
    {
        var types = new Dictionary<(uint Type, int Modifier), string>();
        await ForEachAsync(session, """
            SELECT DISTINCT a.atttypid, a.atttypmod, format_type(a.atttypid, a.atttypmod)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p')
            """, schemaName, r => types[((uint)r.GetValue(0), r.GetInt32(1))] = r.GetString(2), cancellationToken);

        var columns = new Dictionary<string, List<(short, ColumnSchema)>>(StringComparer.Ordinal);
        var attributes = new Dictionary<(uint Table, short Number), string>();
        await ForEachAsync(session, """
            SELECT c.oid, c.relname, a.attnum, a.attname, a.atttypid, a.atttypmod, NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            """, schemaName, r =>
            {
                var defaultExpression = r.IsDBNull(7) ? null : r.GetString(7);
                var identity = r.GetString(8) is "a" or "d" || (defaultExpression?.StartsWith("nextval(", StringComparison.Ordinal) ?? false);
                var number = r.GetInt16(2);
                var name = r.GetString(3);
                attributes[((uint)r.GetValue(0), number)] = name;
                var table = r.GetString(1);
                if (!columns.TryGetValue(table, out var list))
                {
                    list = [];
                    columns[table] = list;
                }

                list.Add((number, new ColumnSchema(name, types[((uint)r.GetValue(4), r.GetInt32(5))], r.GetBoolean(6), defaultExpression, identity)));
            }, cancellationToken);
        return (columns, attributes);
    }

    private static string Action(string code) => code switch
    {
        "r" => "restrict",
        "c" => "cascade",
        "n" => "set null",
        "d" => "set default",
        _ => "no action",
    };

    private static async Task ForEachAsync(DatabaseSession session, string sql, string schemaName, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = session.Command(sql);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "schema";
        parameter.Value = schemaName;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
