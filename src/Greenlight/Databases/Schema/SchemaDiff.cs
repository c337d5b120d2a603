using System.Text;
using System.Text.RegularExpressions;

namespace Greenlight.Databases.Schema;

/// <summary>
/// Every difference that brings schema A to schema B, and the fix-up SQL for it (PostgreSQL).
/// Two complete schemas (read from databases, or full snapshots) are compared object by object
/// with their server-written definitions; an expectation or an older snapshot, by what it names.
/// </summary>
internal static partial class SchemaDiff
{
    public static List<SchemaChange> Compare(DatabaseSchema a, DatabaseSchema b) => Compare(a, b, SchemaDiffOptions.Default);

    public static List<SchemaChange> Compare(DatabaseSchema a, DatabaseSchema b, SchemaDiffOptions options)
    {
        var complete = a.Complete && b.Complete;
        var changes = new List<SchemaChange>();
        var changedTables = new HashSet<string>(StringComparer.Ordinal);
        if (complete)
        {
            foreach (var s in b.Schemas.Except(a.Schemas))
            {
                changes.Add(new("", $"schema {s} only in B", $"CREATE SCHEMA IF NOT EXISTS {Id(s)};") { Phase = SchemaPhase.Schemas });
            }

            foreach (var s in a.Schemas.Except(b.Schemas))
            {
                changes.Add(new("", $"schema {s} only in A", $"DROP SCHEMA IF EXISTS {Id(s)};", Destructive: true) { Phase = SchemaPhase.DropSchemas });
            }
        }

        CompareExtensions(changes, a, b);
        CompareEnums(changes, a, b);
        if (complete)
        {
            CompareTypes(changes, a, b);
            CompareSequences(changes, a, b);
            CompareRoutines(changes, a, b);
        }
        else
        {
            CompareFunctionNames(changes, a, b);
        }

        var renamedTables = complete ? TableRenames(a, b) : [];
        foreach (var table in OrderByParents(b.Tables.Values.ToList()))
        {
            if (renamedTables.TryGetValue(table.Name, out var from))
            {
                changes.Add(new(table.Name, $"table {from} only in A and {table.Name} only in B, with the same columns: renamed, not dropped",
                    $"-- {from} and {table.Name} have the same columns: renamed rather than dropped and re-created, so the rows are kept. Edit if they are different tables.\n"
                    + $"DO $$ BEGIN IF to_regclass({Literal(Id(from))}) IS NOT NULL AND to_regclass({Literal(Id(table.Name))}) IS NULL THEN ALTER TABLE {Id(from)} RENAME TO {Id(Unqualified(table.Name))}; END IF; END $$;")
                { Phase = SchemaPhase.Tables });
                changedTables.Add(from);
                var renamed = a.Tables[from] with { Name = table.Name };
                CompareTable(changes, renamed, table, a, b, complete, changedTables);
                continue;
            }

            var repartitioned = complete && a.Tables.TryGetValue(table.Name, out var before) && before.PartitionBy != table.PartitionBy;
            if (repartitioned)
            {
                // PostgreSQL cannot change how a table is partitioned: it is dropped and created again as B has it.
                changedTables.Add(table.Name);
                changes.Add(new(table.Name, $"table {table.Name}: partitioned by {a.Tables[table.Name].PartitionBy ?? "nothing"} in A, {table.PartitionBy ?? "nothing"} in B: dropped and created again (copy its rows first)",
                    $"DO $$ BEGIN IF (SELECT coalesce(pg_get_partkeydef(oid), '') FROM pg_class WHERE oid = to_regclass({Literal(Id(table.Name))})) IS DISTINCT FROM {Literal(table.PartitionBy ?? "")} THEN DROP TABLE {Id(table.Name)} CASCADE; END IF; END $$;",
                    Destructive: true) { Phase = SchemaPhase.Tables });
            }

            if (repartitioned || !a.Tables.TryGetValue(table.Name, out var old))
            {
                changes.Add(new(table.Name, $"table {table.Name} only in B", CreateTable(table, complete)) { Phase = SchemaPhase.Tables });
                var empty = new TableSchema(table.Name)
                {
                    Columns = table.Columns,
                    PrimaryKey = complete ? null : table.PrimaryKey,
                    RowSecurity = false,
                    ForceRowSecurity = false,
                    PartitionBy = table.PartitionBy,
                    PartitionOf = table.PartitionOf,
                    PartitionBound = table.PartitionBound,
                    Inherits = table.Inherits,
                    Unlogged = table.Unlogged,
                };
                CompareTable(changes, empty, table, a, b, complete, changedTables, created: true);
                continue;
            }

            CompareTable(changes, old, table, a, b, complete, changedTables);
        }

        var dropped = a.Tables.Keys.Except(b.Tables.Keys).Where(t => !renamedTables.ContainsValue(t)).ToList();
        foreach (var table in OrderByParents([.. dropped.Select(t => a.Tables[t])], withForeignKeys: true).AsEnumerable().Reverse())
        {
            changedTables.Add(table.Name);
            changes.Add(new(table.Name, $"table {table.Name} only in A", $"DROP TABLE IF EXISTS {Id(table.Name)};", Destructive: true) { Phase = SchemaPhase.DropTables });
        }

        if (complete)
        {
            CompareViewsInOrder(changes, a, b, changedTables, options);
            if (!options.IgnorePrivileges)
            {
                CompareGrants(changes, a, b);
            }

            if (!options.IgnoreComments)
            {
                CompareComments(changes, a, b);
            }
        }
        else
        {
            CompareViewsByName(changes, a, b);
        }

        return changes;
    }

    /// <summary>What either side uses that the model does not compare, said rather than silently ignored.</summary>
    public static List<string> NotCompared(DatabaseSchema a, DatabaseSchema b) =>
        [.. a.NotCompared.Select(n => $"{n} in A").Concat(b.NotCompared.Select(n => $"{n} in B"))];

    /// <summary>
    /// The fix-up script: one transaction, statements in dependency order (<see cref="SchemaPhase"/>);
    /// destructive statements commented out unless allowed. Only ALTER TYPE … ADD VALUE goes before
    /// the transaction, marked: PostgreSQL does not let a transaction use an enum value it added.
    /// </summary>
    public static string FixupSql(IReadOnlyList<SchemaChange> changes, bool allowDestructive, string from, string to, IReadOnlyList<string>? notCompared = null)
    {
        var sql = new StringBuilder();
        sql.AppendLine($"-- Brings {from} to {to}. Written by greenlight schema diff --sql.");
        sql.AppendLine("-- Every statement is idempotent: running the script twice changes nothing more.");
        if (!allowDestructive && changes.Any(c => c.Destructive))
        {
            sql.AppendLine("-- WARNING: drops and type changes are commented out; review them, or write them with --allow-destructive.");
        }

        foreach (var item in notCompared ?? [])
        {
            sql.AppendLine($"-- not compared: {item}");
        }

        var ordered = changes.Where(c => c.Sql is not null).OrderBy(c => c.Phase).ToList();
        var outside = ordered.Where(c => c.Phase == SchemaPhase.OutsideTransaction).ToList();
        if (outside.Count > 0)
        {
            sql.AppendLine();
            sql.AppendLine("-- Outside the transaction: a new enum value cannot be used by the transaction that adds it.");
            foreach (var change in outside)
            {
                Append(sql, change, allowDestructive);
            }
        }

        sql.AppendLine();
        sql.AppendLine("BEGIN;");
        sql.AppendLine("-- Functions may name tables created further down; their bodies are checked when they run.");
        sql.AppendLine("SET LOCAL check_function_bodies = off;");
        foreach (var change in ordered.Where(c => c.Phase != SchemaPhase.OutsideTransaction))
        {
            Append(sql, change, allowDestructive);
        }

        sql.AppendLine();
        sql.AppendLine("COMMIT;");
        return sql.ToString();
    }

    private static void Append(StringBuilder sql, SchemaChange change, bool allowDestructive)
    {
        sql.AppendLine();
        sql.AppendLine($"-- {(change.Table.Length == 0 ? "" : change.Table + ": ")}{change.Description.ReplaceLineEndings(" ")}");
        var statement = change.Sql!;
        if (change.Destructive && !allowDestructive)
        {
            // Every line: a statement on the second line of a commented-out change must not run.
            statement = string.Join("\n", statement.Split('\n').Select(line => line.StartsWith("--", StringComparison.Ordinal) ? line : "-- (destructive) " + line));
        }

        sql.AppendLine(statement);
    }

    private static void CompareExtensions(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        foreach (var extension in b.Extensions.Except(a.Extensions))
        {
            changes.Add(new("", $"extension {extension} only in B", $"CREATE EXTENSION IF NOT EXISTS {Id(extension)};") { Phase = SchemaPhase.Schemas });
        }

        foreach (var extension in a.Extensions.Except(b.Extensions))
        {
            changes.Add(new("", $"extension {extension} only in A", $"DROP EXTENSION IF EXISTS {Id(extension)};", Destructive: true) { Phase = SchemaPhase.DropSchemas });
        }

        foreach (var (extension, version) in b.ExtensionVersions)
        {
            if (a.ExtensionVersions.TryGetValue(extension, out var old) && old != version)
            {
                changes.Add(new("", $"extension {extension}: version {old} in A, {version} in B", $"ALTER EXTENSION {Id(extension)} UPDATE TO {Literal(version)};") { Phase = SchemaPhase.Schemas });
            }
        }
    }

    private static void CompareEnums(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        foreach (var (name, values) in b.Enums)
        {
            if (!a.Enums.TryGetValue(name, out var old))
            {
                changes.Add(new("", $"enum {name} only in B", $"DO $$ BEGIN IF to_regtype({Literal(Id(name))}) IS NULL THEN CREATE TYPE {Id(name)} AS ENUM ({string.Join(", ", values.Select(Literal))}); END IF; END $$;") { Phase = SchemaPhase.Types });
                continue;
            }

            var removed = old.Except(values).ToList();
            var kept = old.Intersect(values).ToList();
            if (removed.Count > 0 || !kept.SequenceEqual(values.Where(old.Contains)))
            {
                // A value cannot be dropped or moved: the type is re-created and its columns converted through text.
                changes.Add(new("", removed.Count > 0 ? $"enum {name}: value{(removed.Count == 1 ? "" : "s")} {string.Join(", ", removed.Select(v => $"'{v}'"))} only in A" : $"enum {name}: values in another order",
                    RecreateEnum(name, values), Destructive: true) { Phase = SchemaPhase.Types });
                continue;
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (old.Contains(values[i]))
                {
                    continue;
                }

                // Keep B's order: before the next value A has, else after the previous one.
                var next = values.Skip(i + 1).FirstOrDefault(old.Contains);
                var position = next is not null ? $" BEFORE {Literal(next)}" : i > 0 ? $" AFTER {Literal(values[i - 1])}" : "";
                changes.Add(new("", $"enum {name}: value '{values[i]}' only in B", $"ALTER TYPE {Id(name)} ADD VALUE IF NOT EXISTS {Literal(values[i])}{position};") { Phase = SchemaPhase.OutsideTransaction });
            }
        }

        foreach (var name in a.Enums.Keys.Except(b.Enums.Keys))
        {
            changes.Add(new("", $"enum {name} only in A", $"DROP TYPE IF EXISTS {Id(name)};", Destructive: true) { Phase = SchemaPhase.DropTypes });
        }
    }

    private static string RecreateEnum(string name, IReadOnlyList<string> values)
    {
        var old = Id(name + "__greenlight_old");
        var wanted = string.Join(", ", values.Select(Literal));
        return $"""
            DO $$ DECLARE r record; BEGIN
              IF (SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = to_regtype({Literal(Id(name))})) IS DISTINCT FROM ARRAY[{wanted}]::text[] THEN
                ALTER TYPE {Id(name)} RENAME TO {Id(Unqualified(name) + "__greenlight_old")};
                CREATE TYPE {Id(name)} AS ENUM ({wanted});
                FOR r IN SELECT a.attrelid::regclass AS t, quote_ident(a.attname) AS c, pg_get_expr(d.adbin, d.adrelid) AS def
                         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                         WHERE a.atttypid = {Literal(old)}::regtype AND a.attnum > 0 AND NOT a.attisdropped LOOP
                  EXECUTE format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT', r.t, r.c);
                  EXECUTE format('ALTER TABLE %s ALTER COLUMN %s TYPE {Id(name)} USING %s::text::{Id(name)}', r.t, r.c, r.c);
                  IF r.def IS NOT NULL THEN
                    EXECUTE format('ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s', r.t, r.c, replace(r.def, {Literal(Unqualified(name) + "__greenlight_old")}, {Literal(Unqualified(name))}));
                  END IF;
                END LOOP;
                DROP TYPE {old};
              END IF;
            END $$;
            """;
    }

    private static void CompareTypes(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        foreach (var (name, type) in b.Types)
        {
            a.Types.TryGetValue(name, out var old);
            if (old is not null && old.Kind != type.Kind)
            {
                changes.Add(new("", $"type {name}: a {old.Kind} in A, a {type.Kind} in B", $"-- re-create the type {name} as a {type.Kind} by hand: columns use it", Destructive: true) { Phase = SchemaPhase.Types });
                continue;
            }

            if (type.Kind == "domain")
            {
                if (old is null)
                {
                    var checks = string.Concat(type.Checks.Select(c => $" CONSTRAINT {Ident(c.Key)} {c.Value}"));
                    changes.Add(new("", $"domain {name} only in B", $"DO $$ BEGIN IF to_regtype({Literal(Id(name))}) IS NULL THEN CREATE DOMAIN {Id(name)} AS {type.BaseType}{(type.Default is null ? "" : $" DEFAULT {type.Default}")}{(type.NotNull ? " NOT NULL" : "")}{checks}; END IF; END $$;") { Phase = SchemaPhase.Types });
                    continue;
                }

                if (!SqlNames.SameType(old.BaseType ?? "", type.BaseType ?? ""))
                {
                    changes.Add(new("", $"domain {name}: base type {old.BaseType} in A, {type.BaseType} in B", $"-- change the base type of the domain {name} to {type.BaseType} by hand (re-create it and its columns)", Destructive: true) { Phase = SchemaPhase.Types });
                }

                if (old.NotNull != type.NotNull)
                {
                    changes.Add(new("", $"domain {name}: {(old.NotNull ? "not null" : "nullable")} in A, {(type.NotNull ? "not null" : "nullable")} in B", $"ALTER DOMAIN {Id(name)} {(type.NotNull ? "SET" : "DROP")} NOT NULL;") { Phase = SchemaPhase.Types });
                }

                if (!SqlNames.SameDefault(old.Default, type.Default))
                {
                    changes.Add(new("", $"domain {name}: default {old.Default ?? "none"} in A, {type.Default ?? "none"} in B", type.Default is null ? $"ALTER DOMAIN {Id(name)} DROP DEFAULT;" : $"ALTER DOMAIN {Id(name)} SET DEFAULT {type.Default};") { Phase = SchemaPhase.Types });
                }

                foreach (var (check, definition) in type.Checks)
                {
                    if (old.Checks.GetValueOrDefault(check) == definition)
                    {
                        continue;
                    }

                    var drop = old.Checks.ContainsKey(check) ? $"ALTER DOMAIN {Id(name)} DROP CONSTRAINT IF EXISTS {Ident(check)};\n" : "";
                    changes.Add(new("", $"domain {name}: check {check} {(drop.Length > 0 ? "differs" : "only in B")}",
                        $"{drop}DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE contypid = to_regtype({Literal(Id(name))}) AND conname = {Literal(check)}) THEN ALTER DOMAIN {Id(name)} ADD CONSTRAINT {Ident(check)} {definition}; END IF; END $$;") { Phase = SchemaPhase.Types });
                }

                foreach (var check in old.Checks.Keys.Except(type.Checks.Keys))
                {
                    changes.Add(new("", $"domain {name}: check {check} only in A", $"ALTER DOMAIN {Id(name)} DROP CONSTRAINT IF EXISTS {Ident(check)};", Destructive: true) { Phase = SchemaPhase.Types });
                }
            }
            else
            {
                if (old is null)
                {
                    changes.Add(new("", $"composite type {name} only in B", $"DO $$ BEGIN IF to_regtype({Literal(Id(name))}) IS NULL THEN CREATE TYPE {Id(name)} AS ({string.Join(", ", type.Attributes.Select(x => $"{Ident(x.Name)} {x.Type}"))}); END IF; END $$;") { Phase = SchemaPhase.Types });
                    continue;
                }

                foreach (var (attribute, attributeType) in type.Attributes)
                {
                    var was = old.Attributes.FirstOrDefault(x => x.Name == attribute);
                    if (was.Name is null)
                    {
                        changes.Add(new("", $"composite type {name}: attribute {attribute} only in B", $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_type t ON t.typrelid = a.attrelid WHERE t.oid = to_regtype({Literal(Id(name))}) AND a.attname = {Literal(attribute)} AND NOT a.attisdropped) THEN ALTER TYPE {Id(name)} ADD ATTRIBUTE {Ident(attribute)} {attributeType}; END IF; END $$;") { Phase = SchemaPhase.Types });
                    }
                    else if (!SqlNames.SameType(was.Type, attributeType))
                    {
                        changes.Add(new("", $"composite type {name}: attribute {attribute} is {was.Type} in A, {attributeType} in B", $"ALTER TYPE {Id(name)} ALTER ATTRIBUTE {Ident(attribute)} TYPE {attributeType};", Destructive: true) { Phase = SchemaPhase.Types });
                    }
                }

                foreach (var (attribute, _) in old.Attributes.Where(x => type.Attributes.All(y => y.Name != x.Name)))
                {
                    changes.Add(new("", $"composite type {name}: attribute {attribute} only in A", $"ALTER TYPE {Id(name)} DROP ATTRIBUTE IF EXISTS {Ident(attribute)};", Destructive: true) { Phase = SchemaPhase.Types });
                }
            }
        }

        foreach (var (name, type) in a.Types.Where(t => !b.Types.ContainsKey(t.Key)))
        {
            changes.Add(new("", $"{(type.Kind == "domain" ? "domain" : "composite type")} {name} only in A", $"DROP {(type.Kind == "domain" ? "DOMAIN" : "TYPE")} IF EXISTS {Id(name)};", Destructive: true) { Phase = SchemaPhase.DropTypes });
        }
    }

    private static void CompareSequences(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        foreach (var (name, s) in b.Sequences)
        {
            var options = $"AS {s.Type} INCREMENT BY {s.Increment} MINVALUE {s.Min} MAXVALUE {s.Max} START WITH {s.Start} CACHE {s.Cache} {(s.Cycle ? "CYCLE" : "NO CYCLE")}";
            if (!a.Sequences.TryGetValue(name, out var old))
            {
                changes.Add(new("", $"sequence {name} only in B", $"CREATE SEQUENCE IF NOT EXISTS {Id(name)} {options};") { Phase = SchemaPhase.Sequences });
            }
            else if (old with { OwnedBy = null } != s with { OwnedBy = null })
            {
                changes.Add(new("", $"sequence {name} differs: {Describe(old)} in A, {Describe(s)} in B", $"ALTER SEQUENCE {Id(name)} {options};") { Phase = SchemaPhase.Sequences });
            }

            if (old?.OwnedBy != s.OwnedBy)
            {
                var owner = s.OwnedBy is null ? "NONE" : OwnerId(s.OwnedBy);
                changes.Add(new("", $"sequence {name}: owned by {old?.OwnedBy ?? "nothing"} in A, {s.OwnedBy ?? "nothing"} in B", $"ALTER SEQUENCE {Id(name)} OWNED BY {owner};") { Phase = SchemaPhase.SequenceOwners });
            }
        }

        foreach (var name in a.Sequences.Keys.Except(b.Sequences.Keys))
        {
            changes.Add(new("", $"sequence {name} only in A", $"DROP SEQUENCE IF EXISTS {Id(name)};", Destructive: true) { Phase = SchemaPhase.DropRoutines });
        }

        static string Describe(SequenceSchema s) => $"{s.Type} +{s.Increment} [{s.Min}, {s.Max}] from {s.Start}{(s.Cycle ? " cycle" : "")}";

        // "public.t.c" or "t.c" → t.c with the column quoted apart from the table.
        static string OwnerId(string column)
        {
            var dot = column.LastIndexOf('.');
            return $"{Id(column[..dot])}.{Ident(column[(dot + 1)..])}";
        }
    }

    private static void CompareFunctionNames(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        foreach (var function in b.Functions.Except(a.Functions))
        {
            changes.Add(new("", $"function {function} only in B", $"-- create the function {function}: this snapshot does not hold function bodies (take a new one)") { Phase = SchemaPhase.Functions });
        }

        foreach (var function in a.Functions.Except(b.Functions))
        {
            changes.Add(new("", $"function {function} only in A", $"-- DROP FUNCTION {Id(function)}(…);", Destructive: true) { Phase = SchemaPhase.DropRoutines });
        }
    }

    private static void CompareRoutines(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        // Functions first, then aggregates (built from functions).
        foreach (var (signature, routine) in b.Routines.OrderBy(r => r.Value.Kind == "a" ? 1 : 0))
        {
            var kind = KindWord(routine.Kind);
            a.Routines.TryGetValue(signature, out var old);
            if (old is not null && NormalizeSql(old.Definition) == NormalizeSql(routine.Definition))
            {
                continue;
            }

            // CREATE OR REPLACE cannot change the result type or the kind, nor re-create an aggregate.
            var mustDrop = old is not null && (old.Result != routine.Result || old.Kind != routine.Kind || routine.Kind == "a");
            var drop = mustDrop ? $"DROP {KindWord(old!.Kind)} IF EXISTS {RoutineId(signature)};\n" : "";
            var create = routine.Kind == "a" ? $"DROP AGGREGATE IF EXISTS {RoutineId(signature)};\n{routine.Definition};" : routine.Definition.TrimEnd().TrimEnd(';') + ";";
            changes.Add(new("", old is null ? $"{kind.ToLowerInvariant()} {signature} only in B" : $"{kind.ToLowerInvariant()} {signature} differs{(mustDrop && old.Result != routine.Result ? $" (returns {old.Result} in A, {routine.Result} in B)" : "")}",
                routine.Kind == "a" ? create : drop + create) { Phase = SchemaPhase.Functions });
        }

        foreach (var (signature, routine) in a.Routines.Where(r => !b.Routines.ContainsKey(r.Key)))
        {
            changes.Add(new("", $"{KindWord(routine.Kind).ToLowerInvariant()} {signature} only in A", $"DROP {KindWord(routine.Kind)} IF EXISTS {RoutineId(signature)};", Destructive: true) { Phase = SchemaPhase.DropRoutines });
        }

        static string KindWord(string kind) => kind switch { "p" => "PROCEDURE", "a" => "AGGREGATE", _ => "FUNCTION" };
    }

    private static void CompareTable(List<SchemaChange> changes, TableSchema a, TableSchema b, DatabaseSchema aSchema, DatabaseSchema bSchema, bool complete, HashSet<string> changedTables, bool created = false)
    {
        CompareColumns(changes, a, b, aSchema, bSchema, changedTables, complete);
        if (!complete)
        {
            AddTableParts(changes, a, b);
            return;
        }

        var t = b.Name;
        if (!created)
        {
            CompareTableProperties(changes, a, b);
        }

        if ((a.RowSecurity ?? false) != (b.RowSecurity ?? false))
        {
            changes.Add(new(t, $"row-level security {(b.RowSecurity == true ? "enabled only in B" : "enabled only in A")}", $"ALTER TABLE {Id(t)} {(b.RowSecurity == true ? "ENABLE" : "DISABLE")} ROW LEVEL SECURITY;") { Phase = SchemaPhase.Policies });
        }

        if ((a.ForceRowSecurity ?? false) != (b.ForceRowSecurity ?? false))
        {
            changes.Add(new(t, $"row-level security {(b.ForceRowSecurity == true ? "forced only in B" : "forced only in A")}", $"ALTER TABLE {Id(t)} {(b.ForceRowSecurity == true ? "FORCE" : "NO FORCE")} ROW LEVEL SECURITY;") { Phase = SchemaPhase.Policies });
        }

        CompareConstraints(changes, a, b, aSchema, bSchema, created);
        CompareIndexes(changes, t, a.Indexes, b.Indexes);

        foreach (var (name, definition) in b.TriggerDefinitions)
        {
            var old = a.TriggerDefinitions.GetValueOrDefault(name);
            if (old == definition)
            {
                continue;
            }

            var (create, state) = SplitTriggerState(definition);
            var drop = old is null ? "" : $"DROP TRIGGER IF EXISTS {Ident(name)} ON {Id(t)};";
            if (drop.Length > 0)
            {
                changes.Add(new(t, $"trigger {name} on {t} differs (dropped before what it calls changes)", drop) { Phase = SchemaPhase.DropTriggers });
            }

            changes.Add(new(t, old is null ? $"trigger {name} on {t} only in B" : $"trigger {name} on {t} differs: {SplitTriggerState(old).Create} in A, {create} in B",
                $"DROP TRIGGER IF EXISTS {Ident(name)} ON {Id(t)};\n{create};{(state is null ? "" : $"\nALTER TABLE {Id(t)} {state} TRIGGER {Ident(name)};")}") { Phase = SchemaPhase.Triggers });
        }

        foreach (var name in a.TriggerDefinitions.Keys.Except(b.TriggerDefinitions.Keys))
        {
            changes.Add(new(t, $"trigger {name} on {t} only in A", $"DROP TRIGGER IF EXISTS {Ident(name)} ON {Id(t)};", Destructive: true) { Phase = SchemaPhase.DropTriggers });
        }

        foreach (var (name, policy) in b.Policies)
        {
            var old = a.Policies.GetValueOrDefault(name);
            if (old is not null && SamePolicy(old, policy))
            {
                continue;
            }

            // A policy's command and kind cannot be altered: dropped and created again.
            changes.Add(new(t, old is null ? $"policy {name} on {t} only in B ({DescribePolicy(policy)})" : $"policy {name} on {t} differs: {DescribePolicy(old)} in A, {DescribePolicy(policy)} in B",
                $"DROP POLICY IF EXISTS {Ident(name)} ON {Id(t)};\n{CreatePolicy(t, name, policy)}") { Phase = SchemaPhase.Policies });
        }

        foreach (var name in a.Policies.Keys.Except(b.Policies.Keys))
        {
            changes.Add(new(t, $"policy {name} on {t} only in A", $"DROP POLICY IF EXISTS {Ident(name)} ON {Id(t)};", Destructive: true) { Phase = SchemaPhase.Policies });
        }
    }

    private static void CompareTableProperties(List<SchemaChange> changes, TableSchema a, TableSchema b)
    {
        var t = b.Name;
        if (a.Unlogged != b.Unlogged)
        {
            changes.Add(new(t, $"table {t} {(b.Unlogged ? "unlogged only in B" : "unlogged only in A")}", $"ALTER TABLE {Id(t)} SET {(b.Unlogged ? "UNLOGGED" : "LOGGED")};") { Phase = SchemaPhase.Tables });
        }

        if (a.PartitionOf != b.PartitionOf || NormalizeSql(a.PartitionBound ?? "") != NormalizeSql(b.PartitionBound ?? ""))
        {
            var sql = new StringBuilder();
            if (a.PartitionOf is not null)
            {
                sql.Append($"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = {Literal(Id(t))}::regclass AND inhparent = {Literal(Id(a.PartitionOf))}::regclass) THEN ALTER TABLE {Id(a.PartitionOf)} DETACH PARTITION {Id(t)}; END IF; END $$;");
            }

            if (b.PartitionOf is not null)
            {
                sql.Append(sql.Length > 0 ? "\n" : "").Append($"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = {Literal(Id(t))}::regclass) THEN ALTER TABLE {Id(b.PartitionOf)} ATTACH PARTITION {Id(t)} {b.PartitionBound}; END IF; END $$;");
            }

            changes.Add(new(t, $"table {t}: {(a.PartitionOf is null ? "not a partition" : $"partition of {a.PartitionOf} {a.PartitionBound}")} in A, {(b.PartitionOf is null ? "not a partition" : $"partition of {b.PartitionOf} {b.PartitionBound}")} in B", sql.ToString()) { Phase = SchemaPhase.Tables });
        }

        foreach (var parent in b.Inherits.Except(a.Inherits))
        {
            changes.Add(new(t, $"table {t} inherits from {parent} only in B", $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = {Literal(Id(t))}::regclass AND inhparent = {Literal(Id(parent))}::regclass) THEN ALTER TABLE {Id(t)} INHERIT {Id(parent)}; END IF; END $$;") { Phase = SchemaPhase.DropConstraints });
        }

        foreach (var parent in a.Inherits.Except(b.Inherits))
        {
            changes.Add(new(t, $"table {t} inherits from {parent} only in A", $"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = {Literal(Id(t))}::regclass AND inhparent = {Literal(Id(parent))}::regclass) THEN ALTER TABLE {Id(t)} NO INHERIT {Id(parent)}; END IF; END $$;") { Phase = SchemaPhase.Tables });
        }
    }

    private static void CompareColumns(List<SchemaChange> changes, TableSchema a, TableSchema b, DatabaseSchema aSchema, DatabaseSchema bSchema, HashSet<string> changedTables, bool complete)
    {
        var t = b.Name;
        var onlyB = b.Columns.Where(c => a.Column(c.Name) is null && !c.Inherited).ToList();
        var onlyA = a.Columns.Where(c => b.Column(c.Name) is null && !c.Inherited).ToList();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        if (complete && onlyA.Count == 1 && onlyB.Count == 1 && SameColumnShape(onlyA[0], onlyB[0]))
        {
            // One column gone and one of the same definition come: a rename, not a drop that loses the data.
            renames[onlyB[0].Name] = onlyA[0].Name;
            changedTables.Add(t);
            changes.Add(new(t, $"column {t}.{onlyA[0].Name} only in A and {t}.{onlyB[0].Name} only in B, with the same definition: renamed, not dropped",
                $"-- {onlyA[0].Name} and {onlyB[0].Name} have the same definition: renamed rather than dropped and added, so the values are kept. Edit if they are different columns.\n"
                + $"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {Literal(Id(t))}::regclass AND attname = {Literal(onlyA[0].Name)} AND NOT attisdropped) THEN ALTER TABLE {Id(t)} RENAME COLUMN {Ident(onlyA[0].Name)} TO {Ident(onlyB[0].Name)}; END IF; END $$;")
            { Phase = SchemaPhase.Columns });
        }

        foreach (var column in b.Columns)
        {
            if (column.Inherited && a.Column(column.Name) is not { Inherited: false })
            {
                continue; // the parent's column: changed on the parent
            }

            var old = a.Column(column.Name) ?? (renames.TryGetValue(column.Name, out var from) ? a.Column(from)! with { Name = column.Name } : null);
            if (old is null)
            {
                var notNull = column.Nullable == false;
                var add = $"ALTER TABLE {Id(t)} ADD COLUMN IF NOT EXISTS {Ident(column.Name)} {ColumnDefinition(column, complete)};";
                if (notNull && !add.Contains(" NOT NULL", StringComparison.Ordinal))
                {
                    add += $"\nALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} SET NOT NULL;";
                }

                changes.Add(new(t, $"column {t}.{column.Name} only in B ({column.Type}{(notNull ? ", not null" : "")})", add) { Phase = SchemaPhase.Columns });
                continue;
            }

            if (complete && old.Generated != column.Generated)
            {
                // PostgreSQL 15 cannot change a generation expression: the column is added again (its values are computed).
                changedTables.Add(t);
                var guard = column.Generated is null ? "" : $"IF NOT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = {Literal(Id(t))}::regclass AND a.attname = {Literal(column.Name)} AND a.attgenerated = 's' AND pg_get_expr(d.adbin, d.adrelid) = {Literal(column.Generated)}) THEN ";
                var body = column.Generated is null
                    ? $"ALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} DROP EXPRESSION IF EXISTS;"
                    : $"DO $$ BEGIN {guard}ALTER TABLE {Id(t)} DROP COLUMN IF EXISTS {Ident(column.Name)}; ALTER TABLE {Id(t)} ADD COLUMN {Ident(column.Name)} {ColumnDefinition(column, complete)}; END IF; END $$;";
                changes.Add(new(t, $"column {t}.{column.Name}: generated as {old.Generated ?? "nothing"} in A, {column.Generated ?? "nothing"} in B", body, Destructive: old.Generated is null) { Phase = SchemaPhase.Columns });
                continue;
            }

            var typeChanges = !SqlNames.SameType(old.Type ?? "", column.Type ?? "");
            if (typeChanges)
            {
                changedTables.Add(t);
                var viaText = IsUserType(old.Type, aSchema) || IsUserType(column.Type, bSchema) || (column.Type ?? "").StartsWith("json", StringComparison.Ordinal) || (old.Type ?? "").StartsWith("json", StringComparison.Ordinal);
                var dropDefault = old.Default is not null && old.IdentityGeneration is null ? $"ALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} DROP DEFAULT;\n" : "";
                var setDefault = dropDefault.Length > 0 && column.Default is not null && column.IdentityGeneration is null ? $"\nALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} SET DEFAULT {column.Default};" : "";
                var note = viaText ? "" : $"-- every value of {column.Name} must cast to {column.Type}; if one does not, write the USING by hand\n";
                changes.Add(new(t, $"column {t}.{column.Name}: type {old.Type} in A, {column.Type} in B",
                    $"{note}{dropDefault}ALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} TYPE {column.Type}{Collate(column)} USING {Ident(column.Name)}{(viaText ? "::text" : "")}::{column.Type};{setDefault}", Destructive: true) { Phase = SchemaPhase.Columns });
            }
            else if (complete && old.Collation != column.Collation)
            {
                changedTables.Add(t);
                changes.Add(new(t, $"column {t}.{column.Name}: collation {old.Collation ?? "default"} in A, {column.Collation ?? "default"} in B",
                    $"ALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} TYPE {column.Type} COLLATE {column.Collation ?? "\"default\""};") { Phase = SchemaPhase.Columns });
            }

            if (old.Nullable != column.Nullable && column.IdentityGeneration is null)
            {
                changes.Add(new(t, $"column {t}.{column.Name}: {(old.Nullable == true ? "nullable" : "not null")} in A, {(column.Nullable == true ? "nullable" : "not null")} in B",
                    $"ALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} {(column.Nullable == true ? "DROP" : "SET")} NOT NULL;") { Phase = SchemaPhase.Columns });
            }

            if (complete)
            {
                CompareIdentity(changes, t, old, column, typeChanges);
            }
            else if (!SqlNames.SameDefault(old.Default, column.Default) && column.Identity != true && old.Identity != true)
            {
                changes.Add(new(t, $"column {t}.{column.Name}: default {old.Default ?? "none"} in A, {column.Default ?? "none"} in B",
                    column.Default is null ? $"ALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} DROP DEFAULT;" : $"ALTER TABLE {Id(t)} ALTER COLUMN {Ident(column.Name)} SET DEFAULT {column.Default};"));
            }
            else if ((old.Identity == true) != (column.Identity == true))
            {
                changes.Add(new(t, $"column {t}.{column.Name}: {(old.Identity == true ? "an identity" : "not an identity")} in A, {(column.Identity == true ? "an identity" : "not an identity")} in B",
                    $"-- make {t}.{column.Name} {(column.Identity == true ? "an identity column" : "a plain column")} by hand", Destructive: true));
            }
        }

        foreach (var column in onlyA.Where(c => !renames.ContainsValue(c.Name)))
        {
            changedTables.Add(t);
            changes.Add(new(t, $"column {t}.{column.Name} only in A", $"ALTER TABLE {Id(t)} DROP COLUMN IF EXISTS {Ident(column.Name)};", Destructive: true) { Phase = SchemaPhase.DropColumns });
        }
    }

    /// <summary>Serial (a nextval default) and identity (ALWAYS or BY DEFAULT) told apart, and switched in place.</summary>
    private static void CompareIdentity(List<SchemaChange> changes, string t, ColumnSchema old, ColumnSchema column, bool typeChanged)
    {
        var c = Ident(column.Name);
        var literal = Literal(column.Name);
        if (old.IdentityGeneration != column.IdentityGeneration)
        {
            string sql;
            if (column.IdentityGeneration is null)
            {
                sql = $"ALTER TABLE {Id(t)} ALTER COLUMN {c} DROP IDENTITY IF EXISTS;";
                if (column.Default is not null)
                {
                    sql += $"\nALTER TABLE {Id(t)} ALTER COLUMN {c} SET DEFAULT {column.Default};";
                }
            }
            else if (old.IdentityGeneration is not null)
            {
                sql = $"ALTER TABLE {Id(t)} ALTER COLUMN {c} SET GENERATED {column.IdentityGeneration.ToUpperInvariant()};";
            }
            else
            {
                // From a serial or a plain column: its default goes, the identity continues after the highest value.
                sql = $"DO $$ BEGIN IF (SELECT attidentity FROM pg_attribute WHERE attrelid = {Literal(Id(t))}::regclass AND attname = {literal}) = '' THEN\n"
                    + $"  ALTER TABLE {Id(t)} ALTER COLUMN {c} DROP DEFAULT;\n"
                    + $"  ALTER TABLE {Id(t)} ALTER COLUMN {c} SET NOT NULL;\n"
                    + $"  ALTER TABLE {Id(t)} ALTER COLUMN {c} ADD GENERATED {column.IdentityGeneration.ToUpperInvariant()} AS IDENTITY;\n"
                    + $"  PERFORM setval(pg_get_serial_sequence({Literal(Id(t))}, {literal}), coalesce((SELECT max({c}) FROM {Id(t)}), 0) + 1, false);\n"
                    + "END IF; END $$;";
            }

            changes.Add(new(t, $"column {t}.{column.Name}: {IdentityWords(old)} in A, {IdentityWords(column)} in B", sql) { Phase = SchemaPhase.Columns });
            return;
        }

        if (column.IdentityGeneration is null && !SqlNames.SameDefault(old.Default, column.Default) && !(typeChanged && column.Default is not null))
        {
            changes.Add(new(t, $"column {t}.{column.Name}: default {old.Default ?? "none"} in A, {column.Default ?? "none"} in B",
                column.Default is null ? $"ALTER TABLE {Id(t)} ALTER COLUMN {c} DROP DEFAULT;" : $"ALTER TABLE {Id(t)} ALTER COLUMN {c} SET DEFAULT {column.Default};") { Phase = SchemaPhase.Columns });
        }

        static string IdentityWords(ColumnSchema x) => x.IdentityGeneration is { } g ? $"an identity ({g})" : x.Default?.StartsWith("nextval(", StringComparison.Ordinal) == true ? "a serial" : "not an identity";
    }

    private static bool SameColumnShape(ColumnSchema x, ColumnSchema y) =>
        SqlNames.SameType(x.Type ?? "", y.Type ?? "") && x.Nullable == y.Nullable && SqlNames.SameDefault(x.Default, y.Default)
        && x.IdentityGeneration == y.IdentityGeneration && x.Generated == y.Generated && x.Collation == y.Collation;

    private static bool IsUserType(string? type, DatabaseSchema schema) =>
        type is not null && (schema.Enums.ContainsKey(type.TrimEnd('[', ']')) || schema.Types.ContainsKey(type.TrimEnd('[', ']')));

    private static string Collate(ColumnSchema column) => column.Collation is null ? "" : $" COLLATE {column.Collation}";

    /// <summary>Type, collation, identity or generation, default and NOT NULL, as in CREATE TABLE or ADD COLUMN.</summary>
    private static string ColumnDefinition(ColumnSchema c, bool complete)
    {
        if (!complete)
        {
            // Identity and serial columns both become identity columns: an expectation has no sequences to point at.
            var legacy = c.Identity == true ? " GENERATED BY DEFAULT AS IDENTITY" : c.Default is not null ? $" DEFAULT {c.Default}" : "";
            return $"{c.Type}{legacy}";
        }

        var generation = c.Generated is not null ? $" GENERATED ALWAYS AS ({c.Generated}) STORED"
            : c.IdentityGeneration is not null ? $" GENERATED {c.IdentityGeneration.ToUpperInvariant()} AS IDENTITY"
            : c.Default is not null ? $" DEFAULT {c.Default}" : "";
        return $"{c.Type}{Collate(c)}{generation}{(c.Nullable == false ? " NOT NULL" : "")}";
    }

    private static string CreateTable(TableSchema table, bool complete)
    {
        var unlogged = table.Unlogged ? "UNLOGGED " : "";
        if (complete && table.PartitionOf is not null)
        {
            var own = table.Columns.Where(c => !c.Inherited).Select(c => $"    {Ident(c.Name)} {ColumnDefinition(c, complete)}").ToList();
            return $"CREATE {unlogged}TABLE IF NOT EXISTS {Id(table.Name)} PARTITION OF {Id(table.PartitionOf)}{(own.Count > 0 ? $" (\n{string.Join(",\n", own)}\n)" : "")} {table.PartitionBound}{(table.PartitionBy is null ? "" : $" PARTITION BY {table.PartitionBy}")};";
        }

        var lines = table.Columns.Where(c => !c.Inherited).Select(c => $"    {Ident(c.Name)} {ColumnDefinition(c, complete)}{(complete ? "" : c.Nullable == false ? " NOT NULL" : "")}").ToList();
        if (!complete && table.PrimaryKey is { Count: > 0 } pk)
        {
            lines.Add($"    PRIMARY KEY ({Ids(pk)})");
        }

        var inherits = complete && table.Inherits.Count > 0 ? $" INHERITS ({TableIds(table.Inherits)})" : "";
        var partitionBy = complete && table.PartitionBy is not null ? $" PARTITION BY {table.PartitionBy}" : "";
        return $"CREATE {unlogged}TABLE IF NOT EXISTS {Id(table.Name)} (\n{string.Join(",\n", lines)}\n){inherits}{partitionBy};";
    }

    /// <summary>
    /// Constraints by name with their definitions. A changed foreign key (an ON DELETE that differs)
    /// is dropped and added again NOT VALID, then validated: the long check without the long lock.
    /// Foreign keys that reference a key being replaced are dropped before it and added after.
    /// </summary>
    private static void CompareConstraints(List<SchemaChange> changes, TableSchema a, TableSchema b, DatabaseSchema aSchema, DatabaseSchema bSchema, bool created)
    {
        var t = b.Name;
        var table = Literal(Id(t));
        foreach (var (name, con) in b.Constraints)
        {
            if (con.Inherited)
            {
                continue;
            }

            a.Constraints.TryGetValue(name, out var old);
            var referencedKeyChanges = con.Kind == "f" && ReferencedKeyChanges(ReferencedTable(con.Definition), aSchema, bSchema);
            if (old is not null && old.Definition == con.Definition && !referencedKeyChanges)
            {
                continue;
            }

            var renamedFrom = old is null ? a.Constraints.FirstOrDefault(x => x.Value.Kind == con.Kind && x.Value.Definition == con.Definition && !b.Constraints.ContainsKey(x.Key)).Key : null;
            if (renamedFrom is not null)
            {
                changes.Add(new(t, $"constraint {renamedFrom} on {t} is named {name} in B",
                    $"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = {table}::regclass AND conname = {Literal(renamedFrom)}) THEN ALTER TABLE {Id(t)} RENAME CONSTRAINT {Ident(renamedFrom)} TO {Ident(name)}; END IF; END $$;") { Phase = SchemaPhase.DropConstraints });
                continue;
            }

            var kind = ConstraintWords(con.Kind);
            var isFk = con.Kind == "f";
            if (old is not null)
            {
                // Dropped only when its definition is not already B's: the script can run twice.
                changes.Add(new(t, $"{kind} {name} on {t} differs: {old.Definition} in A, {con.Definition} in B{(old.Definition == con.Definition ? " (the key it references is replaced)" : "")}",
                    $"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = {table}::regclass AND conname = {Literal(name)} AND pg_get_constraintdef(oid) <> {Literal(con.Definition)}{(referencedKeyChanges ? " OR true" : "")}) THEN ALTER TABLE {Id(t)} DROP CONSTRAINT {Ident(name)}; END IF; END $$;",
                    Destructive: !isFk && con.Kind != "c") { Phase = isFk ? SchemaPhase.DropForeignKeys : SchemaPhase.DropConstraints });
            }

            // On a table with rows; a partitioned table takes no NOT VALID foreign key.
            var notValidFirst = (isFk || con.Kind == "c") && !created && b.PartitionBy is null && !con.Definition.EndsWith("NOT VALID", StringComparison.Ordinal);
            var add = $"ALTER TABLE {Id(t)} ADD CONSTRAINT {Ident(name)} {con.Definition}{(notValidFirst ? " NOT VALID" : "")};{(notValidFirst ? $" ALTER TABLE {Id(t)} VALIDATE CONSTRAINT {Ident(name)};" : "")}";
            changes.Add(new(t, old is null ? $"{kind} {name} on {t} only in B: {con.Definition}" : $"{kind} {name} on {t} added again as in B",
                $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = {table}::regclass AND conname = {Literal(name)}) THEN {add} END IF; END $$;")
            { Phase = isFk ? SchemaPhase.AddForeignKeys : SchemaPhase.AddConstraints });
        }

        foreach (var (name, con) in a.Constraints.Where(x => !x.Value.Inherited && !b.Constraints.ContainsKey(x.Key)))
        {
            if (b.Constraints.Any(x => x.Value.Kind == con.Kind && x.Value.Definition == con.Definition && !a.Constraints.ContainsKey(x.Key)))
            {
                continue; // renamed above
            }

            changes.Add(new(t, $"{ConstraintWords(con.Kind)} {name} on {t} only in A: {con.Definition}", $"ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Ident(name)};", Destructive: con.Kind != "f")
            { Phase = con.Kind == "f" ? SchemaPhase.DropForeignKeys : SchemaPhase.DropConstraints });
        }

        static string ConstraintWords(string kind) => kind switch { "p" => "primary key", "u" => "unique constraint", "f" => "foreign key", "c" => "check", "x" => "exclusion constraint", _ => "constraint" };
    }

    /// <summary>True when the primary key or a unique constraint of <paramref name="table"/> is replaced or dropped between A and B.</summary>
    private static bool ReferencedKeyChanges(string? table, DatabaseSchema a, DatabaseSchema b)
    {
        if (table is null || !a.Tables.TryGetValue(table, out var ta) || !b.Tables.TryGetValue(table, out var tb))
        {
            return false;
        }

        return ta.Constraints.Where(c => c.Value.Kind is "p" or "u").Any(c => !tb.Constraints.TryGetValue(c.Key, out var other) || other.Definition != c.Value.Definition);
    }

    /// <summary>The table of "FOREIGN KEY (x) REFERENCES schema.table(id) …", as the model names it.</summary>
    private static string? ReferencedTable(string definition)
    {
        var match = ReferencesClause().Match(definition);
        return match.Success ? match.Groups[1].Value.Replace("\"", "", StringComparison.Ordinal) : null;
    }

    private static void CompareIndexes(List<SchemaChange> changes, string t, List<IndexSchema> a, List<IndexSchema> b)
    {
        foreach (var index in b.Where(i => !i.Inherited))
        {
            var old = a.FirstOrDefault(i => i.Name == index.Name);
            var create = CreateIndexFromDefinition(index);
            var name = IndexId(t, index.Name!);
            if (index.Valid == false)
            {
                changes.Add(new(t, $"index {index.Name} on {t} is INVALID in B (a failed CREATE INDEX CONCURRENTLY): not copied", null));
                continue;
            }

            if (old is null)
            {
                changes.Add(new(t, $"index {index.Name} on {t} ({string.Join(", ", index.Columns ?? [])}){(index.Unique == true ? " unique" : "")}{(index.Method is null or "btree" ? "" : $" using {index.Method}")}{(index.Where is null ? "" : " where " + index.Where)} only in B", create) { Phase = SchemaPhase.Indexes });
                continue;
            }

            var sameDefinition = NormalizeSql(old.Definition ?? "") == NormalizeSql(index.Definition ?? "");
            if (sameDefinition && old.Valid != false)
            {
                continue;
            }

            var reason = !sameDefinition ? $"differs: {old.Definition} in A, {index.Definition} in B" : "is INVALID in A (a failed CREATE INDEX CONCURRENTLY), valid in B";
            changes.Add(new(t, $"index {index.Name} on {t} {reason}",
                $"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass({Literal(name)}) AND (NOT indisvalid OR pg_get_indexdef(indexrelid) <> {Literal(index.Definition ?? "")})) THEN DROP INDEX {name}; END IF; END $$;",
                Destructive: false) { Phase = SchemaPhase.DropConstraints });
            changes.Add(new(t, $"index {index.Name} on {t} created as in B", create) { Phase = SchemaPhase.Indexes });
        }

        foreach (var index in a.Where(i => !i.Inherited && b.All(x => x.Name != i.Name)))
        {
            changes.Add(new(t, $"index {index.Name} on {t} only in A{(index.Valid == false ? " (INVALID)" : "")}", $"DROP INDEX IF EXISTS {IndexId(t, index.Name!)};", Destructive: index.Valid != false) { Phase = SchemaPhase.DropConstraints });
        }
    }

    private static string CreateIndexFromDefinition(IndexSchema index) =>
        index.Definition is null ? "" : CreateIndexPattern().Replace(index.Definition, "CREATE $1INDEX IF NOT EXISTS ", 1).Replace(" ON ONLY ", " ON ", StringComparison.Ordinal) + ";";

    private static (string Create, string? State) SplitTriggerState(string definition)
    {
        var marker = definition.IndexOf(" -- ", StringComparison.Ordinal);
        return marker < 0 ? (definition, null) : (definition[..marker], definition[(marker + 4)..]);
    }

    private static bool SamePolicy(PolicySchema x, PolicySchema y) =>
        x.Permissive == y.Permissive && x.Command == y.Command && x.Roles.SequenceEqual(y.Roles) && NormalizeSql(x.Using ?? "") == NormalizeSql(y.Using ?? "") && NormalizeSql(x.WithCheck ?? "") == NormalizeSql(y.WithCheck ?? "");

    private static string DescribePolicy(PolicySchema p) =>
        $"{(p.Permissive ? "permissive" : "restrictive")} for {p.Command} to {string.Join(", ", p.Roles)}{(p.Using is null ? "" : $" using ({p.Using})")}{(p.WithCheck is null ? "" : $" with check ({p.WithCheck})")}";

    private static string CreatePolicy(string table, string name, PolicySchema p) =>
        $"CREATE POLICY {Ident(name)} ON {Id(table)} AS {(p.Permissive ? "PERMISSIVE" : "RESTRICTIVE")} FOR {p.Command.ToUpperInvariant()} TO {string.Join(", ", p.Roles.Select(r => r == "public" ? "PUBLIC" : Ident(r)))}"
        + $"{(p.Using is null ? "" : $" USING ({p.Using})")}{(p.WithCheck is null ? "" : $" WITH CHECK ({p.WithCheck})")};";

    /// <summary>
    /// Views and materialized views that differ, appear, go, or stand on a table whose columns
    /// change, with everything built on them: dropped before the changes, dependants first, and
    /// created again after them from B's definitions, in dependency order (pg_depend), never name order.
    /// </summary>
    private static void CompareViewsInOrder(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b, HashSet<string> changedTables, SchemaDiffOptions options)
    {
        var aViews = AllViews(a);
        var bViews = AllViews(b);
        var rebuild = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in aViews.Keys.Union(bViews.Keys))
        {
            var inA = aViews.TryGetValue(name, out var va);
            var inB = bViews.TryGetValue(name, out var vb);
            if (!inA || !inB || va.Materialized != vb.Materialized || NormalizeSql(va.Definition) != NormalizeSql(vb.Definition)
                || (a.ViewDependencies.GetValueOrDefault(name) ?? []).Any(changedTables.Contains)
                || (inA && va.Materialized && !SameIndexes(a.MaterializedViews[name].Indexes, b.MaterializedViews[name].Indexes)))
            {
                rebuild.Add(name);
            }
        }

        // Whatever is built on a view being rebuilt is rebuilt too, in A's graph and in B's.
        var dependants = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var graph in new[] { a.ViewDependencies, b.ViewDependencies })
        {
            foreach (var (view, deps) in graph)
            {
                foreach (var dep in deps)
                {
                    (dependants.TryGetValue(dep, out var set) ? set : dependants[dep] = new HashSet<string>(StringComparer.Ordinal)).Add(view);
                }
            }
        }

        var queue = new Queue<string>(rebuild);
        while (queue.Count > 0)
        {
            foreach (var next in dependants.GetValueOrDefault(queue.Dequeue()) ?? [])
            {
                if ((aViews.ContainsKey(next) || bViews.ContainsKey(next)) && rebuild.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        if (rebuild.Count == 0)
        {
            return;
        }

        var combined = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var graph in new[] { a.ViewDependencies, b.ViewDependencies })
        {
            foreach (var (view, deps) in graph)
            {
                (combined.TryGetValue(view, out var list) ? list : combined[view] = []).AddRange(deps);
            }
        }

        var order = TopologicalOrder(rebuild, combined);
        foreach (var name in order.AsEnumerable().Reverse())
        {
            // The kind in A decides the DROP; a view that exists only in B is dropped as B's kind (a second run).
            var materialized = aViews.TryGetValue(name, out var va) ? va.Materialized : bViews[name].Materialized;
            var onlyA = !bViews.ContainsKey(name);
            changes.Add(new("", onlyA ? $"{(materialized ? "materialized view" : "view")} {name} only in A" : $"{(materialized ? "materialized view" : "view")} {name} dropped to be created again",
                $"DROP {(materialized ? "MATERIALIZED VIEW" : "VIEW")} IF EXISTS {Id(name)};", Destructive: onlyA) { Phase = SchemaPhase.DropViews });
        }

        foreach (var name in TopologicalOrder(rebuild, b.ViewDependencies).Where(bViews.ContainsKey))
        {
            var view = bViews[name];
            var existed = aViews.TryGetValue(name, out var old);
            var why = !existed ? "only in B" : NormalizeSql(old.Definition) != NormalizeSql(view.Definition) || old.Materialized != view.Materialized ? "differs" : "created again (what it reads changes)";
            var create = view.Materialized
                ? $"CREATE MATERIALIZED VIEW IF NOT EXISTS {Id(name)} AS {view.Definition.TrimEnd(';')};" + string.Concat(b.MaterializedViews[name].Indexes.Select(i => "\n" + CreateIndexFromDefinition(i)))
                : $"CREATE OR REPLACE VIEW {Id(name)} AS {view.Definition.TrimEnd(';')};";
            changes.Add(new("", $"{(view.Materialized ? "materialized view" : "view")} {name} {why}", create) { Phase = SchemaPhase.CreateViews });

            // A view created again loses its grants and comments: B's are given back.
            if (existed)
            {
                var target = $"{(view.Materialized ? "MATERIALIZED VIEW" : "VIEW")} {Id(name)}";
                if (!options.IgnorePrivileges)
                {
                    foreach (var grant in b.Grants.Values.Where(g => g.On == $"TABLE {Id(name)}" && a.Grants.ContainsKey(g.Key)))
                    {
                        changes.Add(new("", $"grant {grant.Privilege} on {name} to {grant.Grantee} given back", grant.GrantSql) { Phase = SchemaPhase.Privileges });
                    }
                }

                if (!options.IgnoreComments && b.Comments.TryGetValue(target, out var comment) && a.Comments.GetValueOrDefault(target) == comment)
                {
                    changes.Add(new("", $"comment on {name} given back", $"COMMENT ON {target} IS {Literal(comment)};") { Phase = SchemaPhase.Comments });
                }
            }
        }
    }

    private static bool SameIndexes(List<IndexSchema> a, List<IndexSchema> b) =>
        a.Count == b.Count && a.All(x => b.Any(y => y.Name == x.Name && NormalizeSql(y.Definition ?? "") == NormalizeSql(x.Definition ?? "")));

    private static Dictionary<string, (string Definition, bool Materialized)> AllViews(DatabaseSchema s)
    {
        var all = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        foreach (var (name, definition) in s.Views)
        {
            all[name] = (definition ?? "", false);
        }

        foreach (var (name, view) in s.MaterializedViews)
        {
            all[name] = (view.Definition, true);
        }

        return all;
    }

    /// <summary>The names in an order where each comes after what it depends on; ties (and cycles) by name.</summary>
    private static List<string> TopologicalOrder(IEnumerable<string> names, IReadOnlyDictionary<string, List<string>> dependencies)
    {
        var set = new SortedSet<string>(names, StringComparer.Ordinal);
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in set)
        {
            Visit(name);
        }

        return order;

        void Visit(string name)
        {
            if (state.GetValueOrDefault(name) != 0)
            {
                return;
            }

            state[name] = 1;
            foreach (var dep in (dependencies.GetValueOrDefault(name) ?? []).Where(set.Contains).Order(StringComparer.Ordinal))
            {
                Visit(dep);
            }

            state[name] = 2;
            order.Add(name);
        }
    }

    /// <summary>Parents (partitioned tables, inheritance parents), and with foreign keys the tables referenced, before the others.</summary>
    private static List<TableSchema> OrderByParents(List<TableSchema> tables, bool withForeignKeys = false)
    {
        var parents = tables.ToDictionary(t => t.Name, t => (t.PartitionOf is null ? t.Inherits : [t.PartitionOf, .. t.Inherits])
            .Concat(withForeignKeys ? t.ForeignKeys.Select(f => f.ReferencedTable).Where(r => r != t.Name) : []).ToList(), StringComparer.Ordinal);
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        return [.. TopologicalOrder(byName.Keys, parents).Select(n => byName[n])];
    }

    /// <summary>A table only in B whose columns are exactly those of one table only in A: B's name → A's.</summary>
    private static Dictionary<string, string> TableRenames(DatabaseSchema a, DatabaseSchema b)
    {
        var onlyA = a.Tables.Values.Where(t => !b.Tables.ContainsKey(t.Name) && t.Columns.Count > 0).ToList();
        var onlyB = b.Tables.Values.Where(t => !a.Tables.ContainsKey(t.Name) && t.Columns.Count > 0).ToList();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tb in onlyB)
        {
            var matches = onlyA.Where(ta => !renames.ContainsValue(ta.Name) && SchemaOf(ta.Name) == SchemaOf(tb.Name) && ta.Columns.Count == tb.Columns.Count
                && ta.Columns.Zip(tb.Columns).All(p => p.First.Name == p.Second.Name && SameColumnShape(p.First, p.Second))).ToList();
            if (matches.Count == 1 && onlyB.Count(x => x.Columns.Count == matches[0].Columns.Count && x.Columns.Zip(matches[0].Columns).All(p => p.First.Name == p.Second.Name && SameColumnShape(p.First, p.Second))) == 1)
            {
                renames[tb.Name] = matches[0].Name;
            }
        }

        return renames;

        static string SchemaOf(string name) => name.Contains('.', StringComparison.Ordinal) ? name[..name.IndexOf('.', StringComparison.Ordinal)] : "";
    }

    private static void CompareGrants(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        foreach (var (key, grant) in a.Grants.Where(g => !b.Grants.ContainsKey(g.Key)))
        {
            changes.Add(new("", $"{(grant.DefaultFor is null ? "grant" : "default privilege")} {grant.Privilege}{(grant.Column is null ? "" : $" ({grant.Column})")} on {grant.On} to {grant.Grantee}{(grant.GrantOption ? " with grant option" : "")} only in A",
                grant.RevokeSql) { Phase = SchemaPhase.Privileges });
        }

        foreach (var (key, grant) in b.Grants.Where(g => !a.Grants.ContainsKey(g.Key)))
        {
            changes.Add(new("", $"{(grant.DefaultFor is null ? "grant" : "default privilege")} {grant.Privilege}{(grant.Column is null ? "" : $" ({grant.Column})")} on {grant.On} to {grant.Grantee}{(grant.GrantOption ? " with grant option" : "")} only in B",
                grant.GrantSql) { Phase = SchemaPhase.Privileges });
        }
    }

    private static void CompareComments(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        foreach (var (target, comment) in b.Comments)
        {
            var old = a.Comments.GetValueOrDefault(target);
            if (old != comment)
            {
                changes.Add(new("", $"comment on {target.ToLowerInvariant().Split(' ')[0]} {target[(target.IndexOf(' ', StringComparison.Ordinal) + 1)..]} {(old is null ? "only in B" : "differs")}", $"COMMENT ON {target} IS {Literal(comment)};") { Phase = SchemaPhase.Comments });
            }
        }

        foreach (var target in a.Comments.Keys.Except(b.Comments.Keys).Where(t => StillInB(t, b)))
        {
            changes.Add(new("", $"comment on {target.ToLowerInvariant().Split(' ')[0]} {target[(target.IndexOf(' ', StringComparison.Ordinal) + 1)..]} only in A", $"COMMENT ON {target} IS NULL;") { Phase = SchemaPhase.Comments });
        }
    }

    /// <summary>A comment whose object goes with A is not removed: the object is dropped (and a second run would not find it).</summary>
    private static bool StillInB(string target, DatabaseSchema b)
    {
        var space = target.StartsWith("MATERIALIZED VIEW ", StringComparison.Ordinal) ? 17 : target.IndexOf(' ', StringComparison.Ordinal);
        var kind = target[..space];
        var rest = target[(space + 1)..];
        var on = rest.IndexOf(" ON ", StringComparison.Ordinal);
        return kind switch
        {
            "TABLE" => b.Tables.Keys.Any(k => Id(k) == rest),
            "VIEW" => b.Views.Keys.Any(k => Id(k) == rest),
            "MATERIALIZED VIEW" => b.MaterializedViews.Keys.Any(k => Id(k) == rest),
            "SEQUENCE" => b.Sequences.Keys.Any(k => Id(k) == rest),
            "FUNCTION" or "PROCEDURE" or "AGGREGATE" => b.Routines.Keys.Any(k => RoutineId(k) == rest),
            "TYPE" or "DOMAIN" => b.Types.Keys.Concat(b.Enums.Keys).Any(k => Id(k) == rest),
            "SCHEMA" => b.Schemas.Any(k => Id(k) == rest),
            "COLUMN" => b.Tables.Values.Any(t => t.Columns.Any(c => $"{Id(t.Name)}.{Ident(c.Name)}" == rest)),
            "CONSTRAINT" or "TRIGGER" or "POLICY" when on > 0 => b.Tables.Values.Any(t => Id(t.Name) == rest[(on + 4)..]
                && (t.Constraints.Keys.Any(n => Ident(n) == rest[..on]) || t.TriggerDefinitions.Keys.Any(n => Ident(n) == rest[..on]) || t.Policies.Keys.Any(n => Ident(n) == rest[..on]))),
            _ => true,
        };
    }

    private static void CompareViewsByName(List<SchemaChange> changes, DatabaseSchema a, DatabaseSchema b)
    {
        foreach (var (name, definition) in b.Views)
        {
            if (!a.Views.TryGetValue(name, out var old))
            {
                changes.Add(new("", $"view {name} only in B", definition is null ? $"-- create the view {name}: its definition is not known" : $"CREATE OR REPLACE VIEW {Id(name)} AS {definition.TrimEnd(';')};") { Phase = SchemaPhase.CreateViews });
            }
            else if (definition is not null && old is not null && NormalizeSql(old) != NormalizeSql(definition))
            {
                changes.Add(new("", $"view {name} differs", $"DROP VIEW IF EXISTS {Id(name)};\nCREATE VIEW {Id(name)} AS {definition.TrimEnd(';')};") { Phase = SchemaPhase.CreateViews });
            }
        }

        foreach (var name in a.Views.Keys.Except(b.Views.Keys))
        {
            changes.Add(new("", $"view {name} only in A", $"DROP VIEW IF EXISTS {Id(name)};", Destructive: true) { Phase = SchemaPhase.DropViews });
        }
    }

    /// <summary>An expectation or an older snapshot: keys, foreign keys, checks and indexes compared by what they name.</summary>
    private static void AddTableParts(List<SchemaChange> changes, TableSchema a, TableSchema b)
    {
        var t = b.Name;
        if (b.PrimaryKey is { Count: > 0 } pk && a.PrimaryKey is null)
        {
            changes.Add(new(t, $"primary key ({string.Join(", ", pk)}) on {t} only in B", Guarded(t, $"{Unqualified(t)}_pkey", $"PRIMARY KEY ({Ids(pk)})", constraintOnAnyName: "p")) { Phase = SchemaPhase.AddConstraints });
        }
        else if (b.PrimaryKey is { } bPk && a.PrimaryKey is { } aPk && !aPk.SequenceEqual(bPk))
        {
            changes.Add(new(t, $"primary key of {t}: ({string.Join(", ", aPk)}) in A, ({string.Join(", ", bPk)}) in B", $"-- replace the primary key of {t} with ({string.Join(", ", bPk)})", Destructive: true));
        }
        else if (b.PrimaryKey is null && a.PrimaryKey is { } onlyA)
        {
            changes.Add(new(t, $"primary key ({string.Join(", ", onlyA)}) on {t} only in A", $"ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Id(Unqualified(t) + "_pkey")};", Destructive: true) { Phase = SchemaPhase.DropConstraints });
        }

        foreach (var unique in b.Unique.Where(u => !a.Unique.Any(x => x.SequenceEqual(u))))
        {
            changes.Add(new(t, $"unique ({string.Join(", ", unique)}) on {t} only in B", Guarded(t, $"{Unqualified(t)}_{string.Join("_", unique)}_key", $"UNIQUE ({Ids(unique)})")) { Phase = SchemaPhase.AddConstraints });
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
            var definition = $"FOREIGN KEY ({Ids(fk.Columns)}) REFERENCES {Id(fk.ReferencedTable)} ({Ids(fk.ReferencedColumns)}) ON DELETE {onDelete.ToUpperInvariant()} ON UPDATE {onUpdate.ToUpperInvariant()}";
            if (old is null)
            {
                var name = fk.Name ?? $"{Unqualified(t)}_{string.Join("_", fk.Columns)}_fkey";
                changes.Add(new(t, $"foreign key {t}{fk.Describe} on delete {onDelete} only in B", Guarded(t, name, definition)) { Phase = SchemaPhase.AddForeignKeys });
            }
            else if ((old.OnDelete ?? "no action") != onDelete || (old.OnUpdate ?? "no action") != onUpdate)
            {
                // Issue 9: the fix is written, not a comment: dropped and added again NOT VALID, then validated.
                var name = old.Name ?? fk.Name ?? $"{Unqualified(t)}_{string.Join("_", fk.Columns)}_fkey";
                var deleteCode = ActionCode(onDelete);
                var updateCode = ActionCode(onUpdate);
                changes.Add(new(t, $"foreign key {t}{fk.Describe}: on delete {old.OnDelete}/on update {old.OnUpdate} in A, {onDelete}/{onUpdate} in B",
                    $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass({Literal(Id(t))}) AND conname = {Literal(name)} AND confdeltype = '{deleteCode}' AND confupdtype = '{updateCode}') THEN\n"
                    + $"  ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Id(name)};\n"
                    + $"  ALTER TABLE {Id(t)} ADD CONSTRAINT {Id(name)} {definition} NOT VALID;\n"
                    + $"  ALTER TABLE {Id(t)} VALIDATE CONSTRAINT {Id(name)};\n"
                    + "END IF; END $$;", Destructive: true) { Phase = SchemaPhase.AddForeignKeys });
            }
        }

        foreach (var fk in a.ForeignKeys.Where(f => !b.ForeignKeys.Any(x => x.Columns.SequenceEqual(f.Columns) && x.ReferencedTable == f.ReferencedTable)))
        {
            changes.Add(new(t, $"foreign key {t}{fk.Describe} only in A", fk.Name is null ? $"-- drop the foreign key {t}{fk.Describe}" : $"ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Ident(fk.Name)};", Destructive: true) { Phase = SchemaPhase.DropForeignKeys });
        }

        foreach (var check in b.Checks)
        {
            var old = a.Checks.FirstOrDefault(c => c.Name == check.Name);
            if (old is null)
            {
                changes.Add(new(t, $"check {check.Name} on {t} only in B", check.Expression is null ? $"-- add the check {check.Name}: its expression is not known" : Guarded(t, check.Name, check.Expression)) { Phase = SchemaPhase.AddConstraints });
            }
            else if (check.Expression is not null && old.Expression is not null && Squash(old.Expression) != Squash(check.Expression))
            {
                changes.Add(new(t, $"check {check.Name} on {t}: {old.Expression} in A, {check.Expression} in B",
                    $"ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Ident(check.Name)};\nALTER TABLE {Id(t)} ADD CONSTRAINT {Ident(check.Name)} {check.Expression};", Destructive: true) { Phase = SchemaPhase.AddConstraints });
            }
        }

        foreach (var check in a.Checks.Where(c => b.Checks.All(x => x.Name != c.Name)))
        {
            changes.Add(new(t, $"check {check.Name} on {t} only in A", $"ALTER TABLE {Id(t)} DROP CONSTRAINT IF EXISTS {Ident(check.Name)};", Destructive: true) { Phase = SchemaPhase.DropConstraints });
        }

        foreach (var index in b.Indexes)
        {
            var old = a.Indexes.FirstOrDefault(i => i.Name == index.Name);
            if (old is null)
            {
                changes.Add(new(t, $"index {index.Name} on {t} ({string.Join(", ", index.Columns ?? [])}){(index.Unique == true ? " unique" : "")}{(index.Where is null ? "" : " where " + index.Where)} only in B", CreateIndex(t, index)) { Phase = SchemaPhase.Indexes });
            }
            else if (!(old.Columns ?? []).SequenceEqual(index.Columns ?? []) || old.Unique != index.Unique || Squash(old.Where ?? "") != Squash(index.Where ?? "") || (old.Valid == false && index.Valid != false))
            {
                changes.Add(new(t, old.Valid == false ? $"index {index.Name} on {t} is INVALID in A (a failed CREATE INDEX CONCURRENTLY), valid in B" : $"index {index.Name} on {t} differs: ({string.Join(", ", old.Columns ?? [])}) in A, ({string.Join(", ", index.Columns ?? [])}) in B",
                    $"DROP INDEX IF EXISTS {IndexId(t, index.Name!)};\n{CreateIndex(t, index)}", Destructive: true) { Phase = SchemaPhase.Indexes });
            }
        }

        foreach (var index in a.Indexes.Where(i => b.Indexes.All(x => x.Name != i.Name)))
        {
            changes.Add(new(t, $"index {index.Name} on {t} only in A", $"DROP INDEX IF EXISTS {IndexId(t, index.Name!)};", Destructive: true) { Phase = SchemaPhase.DropConstraints });
        }

        foreach (var trigger in b.Triggers.Except(a.Triggers))
        {
            changes.Add(new(t, $"trigger {trigger} on {t} only in B", $"-- create the trigger {trigger} on {t}: this snapshot does not hold trigger definitions (take a new one)") { Phase = SchemaPhase.Triggers });
        }

        foreach (var trigger in a.Triggers.Except(b.Triggers))
        {
            changes.Add(new(t, $"trigger {trigger} on {t} only in A", $"DROP TRIGGER IF EXISTS {Ident(trigger)} ON {Id(t)};", Destructive: true) { Phase = SchemaPhase.DropTriggers });
        }
    }

    private static string ActionCode(string action) => action switch { "restrict" => "r", "cascade" => "c", "set null" => "n", "set default" => "d", _ => "a" };

    private static string CreateIndex(string table, IndexSchema index) =>
        $"CREATE {(index.Unique == true ? "UNIQUE " : "")}INDEX IF NOT EXISTS {Ident(index.Name!)} ON {Id(table)} ({string.Join(", ", (index.Columns ?? []).Select(c => IsPlainName(c) ? Id(c) : c))}){(index.Where is null ? "" : $" WHERE {index.Where}")};";

    /// <summary>ADD CONSTRAINT only when no constraint of that name exists on the table, so it can run twice.</summary>
    private static string Guarded(string table, string name, string definition, string? constraintOnAnyName = null)
    {
        var condition = constraintOnAnyName is null
            ? $"SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass({Literal(Id(table))}) AND conname = {Literal(name)}"
            : $"SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass({Literal(Id(table))}) AND contype = '{constraintOnAnyName}'";
        return $"DO $$ BEGIN IF NOT EXISTS ({condition}) THEN ALTER TABLE {Id(table)} ADD CONSTRAINT {Id(name)} {definition}; END IF; END $$;";
    }

    private static string Ids(IEnumerable<string> names) => string.Join(", ", names.Select(Ident));

    private static string TableIds(IEnumerable<string> names) => string.Join(", ", names.Select(Id));

    /// <summary>An index lives in its table's schema: "audit.events" + "idx" → audit.idx.</summary>
    private static string IndexId(string table, string index) =>
        table.Contains('.', StringComparison.Ordinal) ? $"{Ident(table[..table.IndexOf('.', StringComparison.Ordinal)])}.{Ident(index)}" : Ident(index);

    private static string Unqualified(string name) => name.Contains('.', StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : name;

    /// <summary>Quotes an object name only when it needs it; a qualified one ("audit.events") part by part.</summary>
    public static string Id(string name) =>
        name.Contains('.', StringComparison.Ordinal) ? string.Join(".", name.Split('.').Select(Ident)) : Ident(name);

    /// <summary>Quotes one identifier (a column, constraint, trigger or policy name, which may hold a dot) only when it needs it.</summary>
    public static string Ident(string name) =>
        IsPlainName(name) ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>"audit.touch(integer, text)" → audit.touch(integer, text), the name quoted, the arguments as written.</summary>
    public static string RoutineId(string signature)
    {
        var paren = signature.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? Id(signature) : Id(signature[..paren]) + signature[paren..];
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && !Reserved.Contains(name);

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "user", "order", "group", "table", "select", "where", "from", "to", "default", "check", "primary", "references", "column", "end", "limit", "offset",
        "all", "and", "any", "as", "asc", "both", "case", "cast", "collate", "constraint", "create", "current_date", "current_user", "desc", "distinct", "do",
        "else", "except", "false", "for", "foreign", "grant", "having", "in", "initially", "intersect", "into", "leading", "not", "null", "on", "only", "or",
        "placing", "returning", "session_user", "some", "symmetric", "then", "trailing", "true", "union", "unique", "using", "variadic", "when", "window", "with",
    };

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Squash(string sql) => new([.. sql.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not '(' and not ')' and not ';')]);

    /// <summary>
    /// SQL compared by meaning: runs of whitespace outside quoted literals and dollar quotes become
    /// one space (a newline inside a literal is kept: it is data), a trailing semicolon goes.
    /// </summary>
    public static string NormalizeSql(string sql)
    {
        var s = new StringBuilder(sql.Length);
        var i = 0;
        var pendingSpace = false;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = s.Length > 0;
                i++;
                continue;
            }

            if (pendingSpace)
            {
                s.Append(' ');
                pendingSpace = false;
            }

            if (c == '\'' || c == '"')
            {
                var end = i + 1;
                while (end < sql.Length && (sql[end] != c || (end + 1 < sql.Length && sql[end + 1] == c && ++end > 0)))
                {
                    end++;
                }

                s.Append(sql, i, Math.Min(end + 1, sql.Length) - i);
                i = end + 1;
                continue;
            }

            if (c == '$')
            {
                var tagEnd = sql.IndexOf('$', i + 1);
                if (tagEnd > i && sql[(i + 1)..tagEnd].All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
                {
                    var tag = sql[i..(tagEnd + 1)];
                    var close = sql.IndexOf(tag, tagEnd + 1, StringComparison.Ordinal);
                    var stop = close < 0 ? sql.Length : close + tag.Length;
                    s.Append(sql, i, stop - i);
                    i = stop;
                    continue;
                }
            }

            s.Append(c);
            i++;
        }

        return s.ToString().TrimEnd(';', ' ');
    }

    [GeneratedRegex(@"^CREATE (UNIQUE )?INDEX ")]
    private static partial Regex CreateIndexPattern();

    [GeneratedRegex(@"REFERENCES ([^\s(]+)\(")]
    private static partial Regex ReferencesClause();
}
