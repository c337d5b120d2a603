using System.Data.Common;
using System.Text.RegularExpressions;

namespace Greenlight.Databases.Schema;

/// <summary>
/// Reads a SQLite schema with one query per object kind, joining sqlite_master with the pragma
/// table-valued functions (table_info, foreign_key_list, index_list, index_info).
/// </summary>
internal static partial class SqliteIntrospector
{
    public static async Task<DatabaseSchema> ReadAsync(DatabaseSession session, CancellationToken cancellationToken)
    {
        var schema = new DatabaseSchema { Namespace = "main" };
        var primaryKeys = new Dictionary<string, SortedDictionary<long, string>>(StringComparer.Ordinal);
        await ForEachAsync(session, """
            SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk
            FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid
            """, r =>
            {
                var table = r.GetString(0);
                if (!schema.Tables.TryGetValue(table, out var t))
                {
                    t = new TableSchema(table);
                    schema.Tables[table] = t;
                }

                var pk = Convert.ToInt64(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture);
                if (pk > 0)
                {
                    (primaryKeys.TryGetValue(table, out var keys) ? keys : primaryKeys[table] = new SortedDictionary<long, string>())[pk] = r.GetString(1);
                }

                var type = r.GetString(2);
                t.Columns.Add(new ColumnSchema(r.GetString(1), type.Length == 0 ? "any" : type, Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) == 0,
                    r.IsDBNull(4) ? null : r.GetString(4), Identity: false));
            }, cancellationToken);

        foreach (var (table, keys) in primaryKeys)
        {
            var columns = keys.Values.ToList();
            var t = schema.Tables[table];

            // INTEGER PRIMARY KEY is the rowid: it numbers itself, like an identity column.
            if (columns.Count == 1 && SqlNames.NormalizeType(t.Column(columns[0])!.Type ?? "") == "integer")
            {
                var index = t.Columns.FindIndex(c => c.Name == columns[0]);
                t.Columns[index] = t.Columns[index] with { Identity = true };
            }

            schema.Tables[table] = t with { PrimaryKey = columns };
        }

        var foreignKeys = new Dictionary<(string Table, long Id), (string Ref, List<string> From, List<string> To, string OnUpdate, string OnDelete)>();
        await ForEachAsync(session, """
            SELECT m.name, f.id, f."table", f."from", f."to", f.on_update, f.on_delete
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq
            """, r =>
            {
                var key = (r.GetString(0), Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
                if (!foreignKeys.TryGetValue(key, out var fk))
                {
                    fk = (r.GetString(2), [], [], r.GetString(5), r.GetString(6));
                    foreignKeys[key] = fk;
                }

                fk.From.Add(r.GetString(3));
                fk.To.Add(r.IsDBNull(4) ? "" : r.GetString(4));
            }, cancellationToken);

        foreach (var ((table, _), fk) in foreignKeys)
        {
            if (schema.Tables.TryGetValue(table, out var t))
            {
                t.ForeignKeys.Add(new ForeignKeySchema(null, fk.From, fk.Ref, fk.To, SqlNames.NormalizeAction(fk.OnDelete), SqlNames.NormalizeAction(fk.OnUpdate)));
            }
        }

        var indexes = new Dictionary<(string Table, string Index), (bool Unique, string Origin, string? Sql, List<string> Columns)>();
        await ForEachAsync(session, """
            SELECT m.name, il.name, il."unique", il.origin, s.sql, ii.name
            FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
            LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = il.name
            WHERE m.type = 'table' ORDER BY m.name, il.name, ii.seqno
            """, r =>
            {
                var key = (r.GetString(0), r.GetString(1));
                if (!indexes.TryGetValue(key, out var ix))
                {
                    ix = (Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) == 1, r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), []);
                    indexes[key] = ix;
                }

                ix.Columns.Add(r.IsDBNull(5) ? "<expression>" : r.GetString(5));
            }, cancellationToken);

        foreach (var ((table, name), ix) in indexes)
        {
            var t = schema.Tables[table];
            switch (ix.Origin)
            {
                case "pk":
                    break;
                case "u":
                    t.Unique.Add(ix.Columns);
                    break;
                default:
                    var where = ix.Sql is null ? null : WhereClause().Match(ix.Sql) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
                    t.Indexes.Add(new IndexSchema(name, ix.Columns, ix.Unique, where));
                    break;
            }
        }

        await ForEachAsync(session, "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' ORDER BY tbl_name, name", r =>
        {
            if (schema.Tables.TryGetValue(r.GetString(0), out var t))
            {
                t.Triggers.Add(r.GetString(1));
            }
        }, cancellationToken);

        await ForEachAsync(session, "SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name",
            r => schema.Views[r.GetString(0)] = r.IsDBNull(1) ? null : r.GetString(1), cancellationToken);
        return schema;
    }

    private static async Task ForEachAsync(DatabaseSession session, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = session.Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    [GeneratedRegex(@"\bWHERE\b(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WhereClause();
}
