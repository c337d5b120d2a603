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
    public static async Task<DatabaseSchema> ReadAsync(DatabaseSession session, string schemaName, CancellationToken cancellationToken)
    {
        var schema = new DatabaseSchema { Namespace = schemaName };
        await ForEachAsync(session, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            """, schemaName, r => schema.Tables[r.GetString(0)] = new TableSchema(r.GetString(0)), cancellationToken);

        await ForEachAsync(session, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY c.relname, a.attnum
            """, schemaName, r =>
            {
                var defaultExpression = r.IsDBNull(4) ? null : r.GetString(4);
                var identity = r.GetString(5) is "a" or "d" || (defaultExpression?.StartsWith("nextval(", StringComparison.Ordinal) ?? false);
                schema.Tables[r.GetString(0)].Columns.Add(new ColumnSchema(r.GetString(1), r.GetString(2), r.GetBoolean(3), defaultExpression, identity));
            }, cancellationToken);

        var primaryKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        await ForEachAsync(session, """
            SELECT c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid),
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
                   fc.relname, fn.nspname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
                   con.confdeltype::text, con.confupdtype::text
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE n.nspname = @schema AND con.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p')
            ORDER BY c.relname, con.conname
            """, schemaName, r =>
            {
                if (!schema.Tables.TryGetValue(r.GetString(0), out var table))
                {
                    return;
                }

                var columns = (string[])r.GetValue(4);
                switch (r.GetString(2))
                {
                    case "p":
                        primaryKeys[table.Name] = columns;
                        break;
                    case "u":
                        table.Unique.Add(columns);
                        break;
                    case "c":
                        table.Checks.Add(new CheckConstraintSchema(r.GetString(1), r.GetString(3)));
                        break;
                    case "f":
                        var referenced = r.GetString(6) == schemaName ? r.GetString(5) : $"{r.GetString(6)}.{r.GetString(5)}";
                        table.ForeignKeys.Add(new ForeignKeySchema(r.GetString(1), columns, referenced, (string[])r.GetValue(7), Action(r.GetString(8)), Action(r.GetString(9))));
                        break;
                }
            }, cancellationToken);

        foreach (var (name, columns) in primaryKeys)
        {
            schema.Tables[name] = schema.Tables[name] with { PrimaryKey = columns };
        }

        await ForEachAsync(session, """
            SELECT t.relname, i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid), pg_get_indexdef(ix.indexrelid),
                   ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) k ORDER BY k)
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = @schema AND t.relkind IN ('r', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY t.relname, i.relname
            """, schemaName, r =>
            {
                if (schema.Tables.TryGetValue(r.GetString(0), out var table))
                {
                    table.Indexes.Add(new IndexSchema(r.GetString(1), (string[])r.GetValue(5), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)));
                }
            }, cancellationToken);

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
