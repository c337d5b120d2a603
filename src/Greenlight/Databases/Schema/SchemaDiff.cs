using System.Text;

namespace Greenlight.Databases.Schema;

/// <summary>Every difference that brings schema A to schema B, and the fix-up SQL for it (PostgreSQL).</summary>
internal static class SchemaDiff
{
    public static List<SchemaChange> Compare(DatabaseSchema a, DatabaseSchema b)
    {
        var changes = new List<SchemaChange>();
        foreach (var extension in b.Extensions.Except(a.Extensions))
        {
            changes.Add(new("", $"extension {extension} only in B", $"CREATE EXTENSION IF NOT EXISTS {Id(extension)};"));
        }

        foreach (var extension in a.Extensions.Except(b.Extensions))
        {
            changes.Add(new("", $"extension {extension} only in A", $"DROP EXTENSION IF EXISTS {Id(extension)};", Destructive: true));
        }

        foreach (var (name, values) in b.Enums)
        {
            if (!a.Enums.TryGetValue(name, out var old))
            {
                changes.Add(new("", $"enum {name} only in B", $"DO $$ BEGIN CREATE TYPE {Id(name)} AS ENUM ({string.Join(", ", values.Select(Literal))}); EXCEPTION WHEN duplicate_object THEN NULL; END $$;"));
                continue;
            }

            foreach (var value in values.Except(old))
            {
                changes.Add(new("", $"enum {name}: value '{value}' only in B", $"ALTER TYPE {Id(name)} ADD VALUE IF NOT EXISTS {Literal(value)};"));
            }

            foreach (var value in old.Except(values))
            {
                changes.Add(new("", $"enum {name}: value '{value}' only in A", $"-- PostgreSQL cannot drop an enum value; recreate the type {name} without '{value}'.", Destructive: true));
            }
        }

        foreach (var name in a.Enums.Keys.Except(b.Enums.Keys))
        {
            changes.Add(new("", $"enum {name} only in A", $"DROP TYPE IF EXISTS {Id(name)};", Destructive: true));
        }

        foreach (var table in b.Tables.Values)
        {
            if (!a.Tables.TryGetValue(table.Name, out var old))
            {
                changes.Add(new(table.Name, $"table {table.Name} only in B", CreateTable(table)));
                AddTableParts(changes, new TableSchema(table.Name) { Columns = table.Columns, PrimaryKey = table.PrimaryKey }, table);
                continue;
            }

            CompareColumns(changes, old, table);
            AddTableParts(changes, old, table);
        }

        foreach (var table in a.Tables.Keys.Except(b.Tables.Keys))
        {
            changes.Add(new(table, $"table {table} only in A", $"DROP TABLE IF EXISTS {Id(table)};", Destructive: true));
        }

        foreach (var (name, definition) in b.Views)
        {
            if (!a.Views.TryGetValue(name, out var old))
            {
                changes.Add(new("", $"view {name} only in B", definition is null ? $"-- create the view {name}: its definition is not known" : $"CREATE OR REPLACE VIEW {Id(name)} AS {definition.TrimEnd(';')};"));
            }
            else if (definition is not null && old is not null && Squash(old) != Squash(definition))
            {
                changes.Add(new("", $"view {name} differs", $"CREATE OR REPLACE VIEW {Id(name)} AS {definition.TrimEnd(';')};"));
            }
        }

        foreach (var name in a.Views.Keys.Except(b.Views.Keys))
        {
            changes.Add(new("", $"view {name} only in A", $"DROP VIEW IF EXISTS {Id(name)};", Destructive: true));
        }

        foreach (var function in b.Functions.Except(a.Functions))
        {
            changes.Add(new("", $"function {function} only in B", $"-- create the function {function}: a snapshot does not hold function bodies"));
        }

        foreach (var function in a.Functions.Except(b.Functions))
        {
            changes.Add(new("", $"function {function} only in A", $"-- DROP FUNCTION {Id(function)}(…);", Destructive: true));
        }

        return changes;
    }

    /// <summary>The fix-up script: safe statements as they are, destructive ones commented out unless allowed.</summary>
    public static string FixupSql(IReadOnlyList<SchemaChange> changes, bool allowDestructive, string from, string to)
    {
        var sql = new StringBuilder();
        sql.AppendLine($"-- Brings {from} to {to}. Written by greenlight schema diff --sql.");
        sql.AppendLine("-- Every statement is idempotent: running the script twice changes nothing more.");
        if (!allowDestructive && changes.Any(c => c.Destructive))
        {
            sql.AppendLine("-- WARNING: drops and type changes are commented out; review them, or write them with --allow-destructive.");
        }

        sql.AppendLine();
        foreach (var group in changes.Where(c => c.Sql is not null).GroupBy(c => c.Table))
        {
            sql.AppendLine(group.Key.Length == 0 ? "-- database" : $"-- table {group.Key}");
            foreach (var change in group)
            {
                var statement = change.Sql!;
                if (change.Destructive && !allowDestructive && !statement.StartsWith("--", StringComparison.Ordinal))
                {
                    statement = "-- (destructive) " + statement;
                }

                sql.AppendLine(statement);
            }

            sql.AppendLine();
        }

        return sql.ToString();
    }

    private static void CompareColumns(List<SchemaChange> changes, TableSchema a, TableSchema b)
    {
        var t = b.Name;
        foreach (var column in b.Columns)
        {
            var old = a.Column(column.Name);
            if (old is null)
            {
                var notNull = column.Nullable == false;
                var withDefault = column.Default is not null && column.Identity != true;
                var add = $"ALTER TABLE {Id(t)} ADD COLUMN IF NOT EXISTS {Id(column.Name)} {column.Type}{(withDefault ? $" DEFAULT {column.Default}" : "")};";
                if (notNull)
                {
                    add += $"\nALTER TABLE {Id(t)} ALTER COLUMN {Id(column.Name)} SET NOT NULL;";
                }

                changes.Add(new(t, $"column {t}.{column.Name} only in B ({column.Type}{(notNull ? ", not null" : "")})", add));
                continue;
            }

            if (!SqlNames.SameType(old.Type ?? "", column.Type ?? ""))
            {
                changes.Add(new(t, $"column {t}.{column.Name}: type {old.Type} in A, {column.Type} in B",
                    $"ALTER TABLE {Id(t)} ALTER COLUMN {Id(column.Name)} TYPE {column.Type} USING {Id(column.Name)}::{column.Type};", Destructive: true));
            }

            if (old.Nullable != column.Nullable)
            {
                changes.Add(new(t, $"column {t}.{column.Name}: {(old.Nullable == true ? "nullable" : "not null")} in A, {(column.Nullable == true ? "nullable" : "not null")} in B",
                    $"ALTER TABLE {Id(t)} ALTER COLUMN {Id(column.Name)} {(column.Nullable == true ? "DROP" : "SET")} NOT NULL;"));
            }

            if (!SqlNames.SameDefault(old.Default, column.Default) && column.Identity != true && old.Identity != true)
            {
                changes.Add(new(t, $"column {t}.{column.Name}: default {old.Default ?? "none"} in A, {column.Default ?? "none"} in B",
                    column.Default is null ? $"ALTER TABLE {Id(t)} ALTER COLUMN {Id(column.Name)} DROP DEFAULT;" : $"ALTER TABLE {Id(t)} ALTER COLUMN {Id(column.Name)} SET DEFAULT {column.Default};"));
            }
            else if ((old.Identity == true) != (column.Identity == true))
            {
                changes.Add(new(t, $"column {t}.{column.Name}: {(old.Identity == true ? "an identity" : "not an identity")} in A, {(column.Identity == true ? "an identity" : "not an identity")} in B",
                    $"-- make {t}.{column.Name} {(column.Identity == true ? "an identity column" : "a plain column")} by hand", Destructive: true));
            }
        }

        foreach (var column in a.Columns.Where(c => b.Column(c.Name) is null))
        {
            changes.Add(new(t, $"column {t}.{column.Name} only in A", $"ALTER TABLE {Id(t)} DROP COLUMN IF EXISTS {Id(column.Name)};", Destructive: true));
        }
    }

    private static void AddTableParts(List<SchemaChange> changes, TableSchema a, TableSchema b)
    {
        var t = b.Name;
        if (b.PrimaryKey is { Count: > 0 } pk && a.PrimaryKey is null)
        {
            changes.Add(new(t, $"primary key ({string.Join(", ", pk)}) on {t} only in B", Guarded(t, $"{t}_pkey", $"PRIMARY KEY ({Ids(pk)})", constraintOnAnyName: "p")));
        }
        else if (b.PrimaryKey is { } bPk && a.PrimaryKey is { } aPk && !aPk.SequenceEqual(bPk))
        {
            changes.Add(new(t, $"primary key of {t}: ({string.Join(", ", aPk)}) in A, ({string.Join(", ", bPk)}) in B", $"-- replace the primary key of {t} with ({string.Join(", ", bPk)})", Destructive: true));
        }
        else if (b.PrimaryKey is null && a.PrimaryKey is { } onlyA)
        {
            changes.Add(new(t, $"primary key ({string.Join(", ", onlyA)}) on {t} only in A", $"ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Id(t + "_pkey")};", Destructive: true));
        }

        foreach (var unique in b.Unique.Where(u => !a.Unique.Any(x => x.SequenceEqual(u))))
        {
            changes.Add(new(t, $"unique ({string.Join(", ", unique)}) on {t} only in B", Guarded(t, $"{t}_{string.Join("_", unique)}_key", $"UNIQUE ({Ids(unique)})")));
        }

        foreach (var unique in a.Unique.Where(u => !b.Unique.Any(x => x.SequenceEqual(u))))
        {
            changes.Add(new(t, $"unique ({string.Join(", ", unique)}) on {t} only in A", $"-- drop the unique constraint on {t} ({string.Join(", ", unique)})", Destructive: true));
        }

        foreach (var fk in b.ForeignKeys)
        {
            var old = a.ForeignKeys.FirstOrDefault(f => f.Columns.SequenceEqual(fk.Columns) && f.ReferencedTable == fk.ReferencedTable && f.ReferencedColumns.SequenceEqual(fk.ReferencedColumns));
            var onDelete = fk.OnDelete ?? "no action";
            var onUpdate = fk.OnUpdate ?? "no action";
            if (old is null)
            {
                var name = fk.Name ?? $"{t}_{string.Join("_", fk.Columns)}_fkey";
                changes.Add(new(t, $"foreign key {t}{fk.Describe} on delete {onDelete} only in B",
                    Guarded(t, name, $"FOREIGN KEY ({Ids(fk.Columns)}) REFERENCES {Id(fk.ReferencedTable)} ({Ids(fk.ReferencedColumns)}) ON DELETE {onDelete.ToUpperInvariant()} ON UPDATE {onUpdate.ToUpperInvariant()}")));
            }
            else if ((old.OnDelete ?? "no action") != onDelete || (old.OnUpdate ?? "no action") != onUpdate)
            {
                changes.Add(new(t, $"foreign key {t}{fk.Describe}: on delete {old.OnDelete}/on update {old.OnUpdate} in A, {onDelete}/{onUpdate} in B",
                    $"-- drop and re-add the foreign key {old.Name ?? fk.Describe} with ON DELETE {onDelete.ToUpperInvariant()} ON UPDATE {onUpdate.ToUpperInvariant()}", Destructive: true));
            }
        }

        foreach (var fk in a.ForeignKeys.Where(f => !b.ForeignKeys.Any(x => x.Columns.SequenceEqual(f.Columns) && x.ReferencedTable == f.ReferencedTable)))
        {
            changes.Add(new(t, $"foreign key {t}{fk.Describe} only in A", fk.Name is null ? $"-- drop the foreign key {t}{fk.Describe}" : $"ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Id(fk.Name)};", Destructive: true));
        }

        foreach (var check in b.Checks)
        {
            var old = a.Checks.FirstOrDefault(c => c.Name == check.Name);
            if (old is null)
            {
                changes.Add(new(t, $"check {check.Name} on {t} only in B", check.Expression is null ? $"-- add the check {check.Name}: its expression is not known" : Guarded(t, check.Name, check.Expression)));
            }
            else if (check.Expression is not null && old.Expression is not null && Squash(old.Expression) != Squash(check.Expression))
            {
                changes.Add(new(t, $"check {check.Name} on {t}: {old.Expression} in A, {check.Expression} in B", $"-- replace the check {check.Name} with {check.Expression}", Destructive: true));
            }
        }

        foreach (var check in a.Checks.Where(c => b.Checks.All(x => x.Name != c.Name)))
        {
            changes.Add(new(t, $"check {check.Name} on {t} only in A", $"ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Id(check.Name)};", Destructive: true));
        }

        foreach (var index in b.Indexes)
        {
            var old = a.Indexes.FirstOrDefault(i => i.Name == index.Name);
            if (old is null)
            {
                changes.Add(new(t, $"index {index.Name} on {t} ({string.Join(", ", index.Columns ?? [])}){(index.Unique == true ? " unique" : "")}{(index.Where is null ? "" : " where " + index.Where)} only in B", CreateIndex(t, index)));
            }
            else if (!(old.Columns ?? []).SequenceEqual(index.Columns ?? []) || old.Unique != index.Unique || Squash(old.Where ?? "") != Squash(index.Where ?? ""))
            {
                changes.Add(new(t, $"index {index.Name} on {t} differs: ({string.Join(", ", old.Columns ?? [])}) in A, ({string.Join(", ", index.Columns ?? [])}) in B",
                    $"DROP INDEX IF EXISTS {Id(index.Name!)};\n{CreateIndex(t, index)}", Destructive: true));
            }
        }

        foreach (var index in a.Indexes.Where(i => b.Indexes.All(x => x.Name != i.Name)))
        {
            changes.Add(new(t, $"index {index.Name} on {t} only in A", $"DROP INDEX IF EXISTS {Id(index.Name!)};", Destructive: true));
        }

        foreach (var trigger in b.Triggers.Except(a.Triggers))
        {
            changes.Add(new(t, $"trigger {trigger} on {t} only in B", $"-- create the trigger {trigger} on {t}: a snapshot does not hold trigger definitions"));
        }

        foreach (var trigger in a.Triggers.Except(b.Triggers))
        {
            changes.Add(new(t, $"trigger {trigger} on {t} only in A", $"DROP TRIGGER IF EXISTS {Id(trigger)} ON {Id(t)};", Destructive: true));
        }
    }

    private static string CreateTable(TableSchema table)
    {
        // Identity and serial columns both become identity columns: a snapshot has no sequences to point at.
        var lines = table.Columns.Select(c =>
        {
            var generated = c.Identity == true ? " GENERATED BY DEFAULT AS IDENTITY" : c.Default is not null ? $" DEFAULT {c.Default}" : "";
            return $"    {Id(c.Name)} {c.Type}{generated}{(c.Nullable == false ? " NOT NULL" : "")}";
        }).ToList();
        if (table.PrimaryKey is { Count: > 0 } pk)
        {
            lines.Add($"    PRIMARY KEY ({Ids(pk)})");
        }

        return $"CREATE TABLE IF NOT EXISTS {Id(table.Name)} (\n{string.Join(",\n", lines)}\n);";
    }

    private static string CreateIndex(string table, IndexSchema index) =>
        $"CREATE {(index.Unique == true ? "UNIQUE " : "")}INDEX IF NOT EXISTS {Id(index.Name!)} ON {Id(table)} ({string.Join(", ", (index.Columns ?? []).Select(c => IsPlainName(c) ? Id(c) : c))}){(index.Where is null ? "" : $" WHERE {index.Where}")};";

    /// <summary>ADD CONSTRAINT only when no constraint of that name exists on the table, so it can run twice.</summary>
    private static string Guarded(string table, string name, string definition, string? constraintOnAnyName = null)
    {
        var condition = constraintOnAnyName is null
            ? $"SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass({Literal(Id(table))}) AND conname = {Literal(name)}"
            : $"SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass({Literal(Id(table))}) AND contype = '{constraintOnAnyName}'";
        return $"DO $$ BEGIN IF NOT EXISTS ({condition}) THEN ALTER TABLE {Id(table)} ADD CONSTRAINT {Id(name)} {definition}; END IF; END $$;";
    }

    private static string Ids(IEnumerable<string> names) => string.Join(", ", names.Select(Id));

    /// <summary>Quotes an identifier only when it needs it.</summary>
    public static string Id(string name) =>
        name.Contains('.', StringComparison.Ordinal) ? string.Join(".", name.Split('.').Select(Id))
        : IsPlainName(name) ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static bool IsPlainName(string name) =>
        name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && !Reserved.Contains(name);

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "user", "order", "group", "table", "select", "where", "from", "to", "default", "check", "primary", "references", "column", "end", "limit", "offset" };

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Squash(string sql) => new([.. sql.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not '(' and not ')' and not ';')]);
}
