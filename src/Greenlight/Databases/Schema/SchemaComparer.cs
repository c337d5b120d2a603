using Greenlight.Assertions;
using Greenlight.Text;

namespace Greenlight.Databases.Schema;

/// <summary>
/// Compares what a <c>schema</c> check expects with the live schema. Only what is written is
/// checked; each expectation becomes one finding with the actual value beside it, and a missing
/// table or column names the nearest one that exists.
/// </summary>
internal static class SchemaComparer
{
    public static List<AssertionResult> Compare(DatabaseSchema expected, DatabaseSchema actual)
    {
        var findings = new List<AssertionResult>();
        foreach (var want in expected.Tables.Values)
        {
            if (!actual.Tables.TryGetValue(want.Name, out var have))
            {
                var hint = DidYouMean.SuggestLoose(want.Name, actual.Tables.Keys);
                findings.Add(new AssertionResult($"table {want.Name} exists", false, "missing",
                    "present", $"table {want.Name} not found in schema {actual.Namespace}{(hint is null ? "" : $"; did you mean {hint}?")}"));
                continue;
            }

            findings.Add(new AssertionResult($"table {want.Name} exists", true, "present", "present"));
            CompareTable(want, have, findings);
        }

        foreach (var (view, _) in expected.Views)
        {
            var found = actual.Views.ContainsKey(view) || actual.MaterializedViews.ContainsKey(view);
            var hint = found ? null : DidYouMean.SuggestLoose(view, actual.Views.Keys.Concat(actual.MaterializedViews.Keys));
            findings.Add(Found($"view {view} exists", found, $"view {view} not found{(hint is null ? "" : $"; did you mean {hint}?")}"));
        }

        foreach (var (name, values) in expected.Enums)
        {
            if (!actual.Enums.TryGetValue(name, out var have))
            {
                findings.Add(Found($"enum {name} exists", false, $"enum {name} not found"));
                continue;
            }

            var same = values.Count == 0 || values.SequenceEqual(have);
            findings.Add(new AssertionResult($"enum {name} values", same, $"[{string.Join(", ", have)}]", $"[{string.Join(", ", values)}]"));
        }

        foreach (var view in expected.MaterializedViews.Keys)
        {
            var found = actual.MaterializedViews.ContainsKey(view);
            var hint = found ? null : DidYouMean.SuggestLoose(view, actual.MaterializedViews.Keys);
            findings.Add(Found($"materialized view {view} exists", found, actual.Views.ContainsKey(view) ? $"{view} is a plain view, not a materialized view" : $"materialized view {view} not found{(hint is null ? "" : $"; did you mean {hint}?")}"));
        }

        foreach (var sequence in expected.Sequences.Keys)
        {
            var found = actual.Sequences.ContainsKey(sequence);
            var hint = found ? null : DidYouMean.SuggestLoose(sequence, actual.Sequences.Keys);
            findings.Add(Found($"sequence {sequence} exists", found, $"sequence {sequence} not found{(hint is null ? "" : $"; did you mean {hint}?")}"));
        }

        foreach (var extension in expected.Extensions)
        {
            findings.Add(Found($"extension {extension} installed", actual.Extensions.Contains(extension), $"extension {extension} is not installed"));
        }

        foreach (var function in expected.Functions)
        {
            var found = actual.Functions.Contains(function);
            var hint = found ? null : DidYouMean.SuggestLoose(function, actual.Functions);
            findings.Add(Found($"function {function} exists", found, $"function {function} not found{(hint is null ? "" : $"; did you mean {hint}?")}"));
        }

        return findings;
    }

    private static void CompareTable(TableSchema want, TableSchema have, List<AssertionResult> findings)
    {
        var t = want.Name;
        foreach (var column in want.Columns)
        {
            var actual = have.Column(column.Name);
            if (actual is null)
            {
                var hint = DidYouMean.SuggestLoose(column.Name, have.Columns.Select(c => c.Name));
                findings.Add(new AssertionResult($"column {t}.{column.Name} exists", false, "missing", "present",
                    $"column {column.Name} not found in {t}{(hint is null ? "" : $"; did you mean {hint}?")}"));
                continue;
            }

            if (column.Type is not null)
            {
                var same = SqlNames.SameType(column.Type, actual.Type ?? "");
                findings.Add(new AssertionResult($"column {t}.{column.Name} type {column.Type}", same, actual.Type, column.Type,
                    same ? null : $"column {t}.{column.Name} is {actual.Type}, expected {column.Type}"));
            }

            if (column.Nullable is bool nullable)
            {
                findings.Add(new AssertionResult($"column {t}.{column.Name} {(nullable ? "nullable" : "not null")}", actual.Nullable == nullable,
                    actual.Nullable == true ? "nullable" : "not null", nullable ? "nullable" : "not null"));
            }

            if (column.Default is not null)
            {
                var same = SqlNames.SameDefault(column.Default, actual.Default);
                findings.Add(new AssertionResult($"column {t}.{column.Name} default {column.Default}", same, actual.Default ?? "no default", column.Default));
            }

            if (column.Identity is bool identity)
            {
                findings.Add(new AssertionResult($"column {t}.{column.Name} {(identity ? "is" : "is not")} an identity", actual.Identity == identity,
                    actual.Identity == true ? "identity" : "not an identity", identity ? "identity" : "not an identity"));
            }

            if (column.PrimaryKey is bool pk)
            {
                var inPk = have.PrimaryKey?.Contains(column.Name) ?? false;
                findings.Add(new AssertionResult($"column {t}.{column.Name} {(pk ? "is" : "is not")} in the primary key", inPk == pk,
                    have.PrimaryKey is null ? "no primary key" : $"primary key ({string.Join(", ", have.PrimaryKey)})", pk ? "in the primary key" : "not in it"));
            }

            if (column.Unique is bool unique)
            {
                var isUnique = have.Unique.Any(u => u.Count == 1 && u[0] == column.Name)
                    || have.Indexes.Any(i => i.Unique == true && i.Valid != false && i.Where is null && i.Columns is { Count: 1 } && i.Columns[0] == column.Name)
                    || have.PrimaryKey is { Count: 1 } single && single[0] == column.Name;
                findings.Add(new AssertionResult($"column {t}.{column.Name} {(unique ? "is" : "is not")} unique", isUnique == unique,
                    isUnique ? "unique" : "not unique", unique ? "unique" : "not unique"));
            }
        }

        if (want.Exact)
        {
            var extra = have.Columns.Where(c => want.Column(c.Name) is null).Select(c => c.Name).ToList();
            findings.Add(new AssertionResult($"table {t} has no other columns", extra.Count == 0,
                extra.Count == 0 ? "none" : string.Join(", ", extra), "none", extra.Count == 0 ? null : $"{t} also has {string.Join(", ", extra)}"));
        }

        if (want.PrimaryKey is { } wantPk)
        {
            var same = have.PrimaryKey is not null && have.PrimaryKey.SequenceEqual(wantPk);
            findings.Add(new AssertionResult($"table {t} primary key ({string.Join(", ", wantPk)})", same,
                have.PrimaryKey is null ? "no primary key" : $"({string.Join(", ", have.PrimaryKey)})", $"({string.Join(", ", wantPk)})"));
        }

        foreach (var unique in want.Unique)
        {
            var found = have.Unique.Any(u => u.SequenceEqual(unique)) || have.Indexes.Any(i => i.Unique == true && i.Valid != false && i.Where is null && (i.Columns?.SequenceEqual(unique) ?? false));
            findings.Add(Found($"table {t} unique ({string.Join(", ", unique)})", found, $"no unique constraint or index on ({string.Join(", ", unique)})"));
        }

        foreach (var fk in want.ForeignKeys)
        {
            var candidates = have.ForeignKeys.Where(f => f.Columns.SequenceEqual(fk.Columns)).ToList();
            var match = candidates.FirstOrDefault(f => f.ReferencedTable == fk.ReferencedTable && f.ReferencedColumns.SequenceEqual(fk.ReferencedColumns));
            var expr = $"foreign key {t}{fk.Describe}";
            if (match is null)
            {
                findings.Add(new AssertionResult(expr, false,
                    candidates.Count > 0 ? $"references {candidates[0].References}" : have.ForeignKeys.Count > 0 ? $"only {string.Join("; ", have.ForeignKeys.Select(f => f.Describe))}" : "no foreign keys",
                    fk.References));
                continue;
            }

            findings.Add(new AssertionResult(expr, true, match.References, fk.References));
            if (fk.OnDelete is not null)
            {
                findings.Add(new AssertionResult($"{expr} on delete {fk.OnDelete}", match.OnDelete == fk.OnDelete, match.OnDelete, fk.OnDelete));
            }

            if (fk.OnUpdate is not null)
            {
                findings.Add(new AssertionResult($"{expr} on update {fk.OnUpdate}", match.OnUpdate == fk.OnUpdate, match.OnUpdate, fk.OnUpdate));
            }
        }

        foreach (var check in want.Checks)
        {
            var found = have.Checks.FirstOrDefault(c => c.Name == check.Name);
            findings.Add(Found($"table {t} check {check.Name}", found is not null, $"no check constraint {check.Name} (has {Names(have.Checks.Select(c => c.Name))})"));
            if (found is not null && check.Expression is not null)
            {
                var same = Squash(found.Expression ?? "").Contains(Squash(check.Expression), StringComparison.Ordinal);
                findings.Add(new AssertionResult($"table {t} check {check.Name} is {check.Expression}", same, found.Expression, check.Expression));
            }
        }

        foreach (var index in want.Indexes)
        {
            var found = index.Name is not null
                ? have.Indexes.FirstOrDefault(i => i.Name == index.Name)
                : have.Indexes.FirstOrDefault(i => i.Columns is not null && i.Columns.SequenceEqual(index.Columns!));
            var label = index.Name ?? $"on ({string.Join(", ", index.Columns!)})";
            if (found is null)
            {
                var hint = index.Name is null ? null : DidYouMean.SuggestLoose(index.Name, have.Indexes.Select(i => i.Name!));
                findings.Add(Found($"index {label} on {t}", false, $"index {label} not found on {t}{(hint is null ? "" : $"; did you mean {hint}?")} (has {Names(have.Indexes.Select(i => i.Name!))})"));
                continue;
            }

            // Issue 9: an INVALID index (a failed CREATE INDEX CONCURRENTLY) is never used by the planner: it is not the index.
            if (found.Valid == false)
            {
                findings.Add(new AssertionResult($"index {label} on {t}", false, "INVALID", "valid",
                    $"index {found.Name} exists but is INVALID (a failed CREATE INDEX CONCURRENTLY); drop and recreate it"));
                continue;
            }

            findings.Add(Found($"index {label} on {t}", true, ""));
            if (index.Name is not null && index.Columns is not null)
            {
                findings.Add(new AssertionResult($"index {label} columns ({string.Join(", ", index.Columns)})", found.Columns?.SequenceEqual(index.Columns) ?? false,
                    $"({string.Join(", ", found.Columns ?? [])})", $"({string.Join(", ", index.Columns)})"));
            }

            if (index.Unique is bool unique)
            {
                findings.Add(new AssertionResult($"index {label} {(unique ? "is" : "is not")} unique", found.Unique == unique, found.Unique == true ? "unique" : "not unique", unique ? "unique" : "not unique"));
            }

            if (index.Where is not null)
            {
                var same = Squash(found.Where ?? "") == Squash(index.Where);
                findings.Add(new AssertionResult($"index {label} where {index.Where}", same, found.Where ?? "not partial", index.Where));
            }
        }

        foreach (var trigger in want.Triggers)
        {
            findings.Add(Found($"trigger {trigger} on {t}", have.Triggers.Contains(trigger), $"trigger {trigger} not found on {t} (has {Names(have.Triggers)})"));
        }

        if (want.RowSecurity is bool rls)
        {
            findings.Add(new AssertionResult($"table {t} row-level security {(rls ? "enabled" : "disabled")}", (have.RowSecurity ?? false) == rls,
                have.RowSecurity == true ? "enabled" : "disabled", rls ? "enabled" : "disabled",
                have.RowSecurity == true || !rls ? null : $"row-level security is not enabled on {t}: its policies do nothing (ALTER TABLE {t} ENABLE ROW LEVEL SECURITY)"));
        }

        if (want.ForceRowSecurity is bool force)
        {
            findings.Add(new AssertionResult($"table {t} row-level security {(force ? "forced" : "not forced")}", (have.ForceRowSecurity ?? false) == force,
                have.ForceRowSecurity == true ? "forced" : "not forced", force ? "forced" : "not forced"));
        }

        foreach (var (name, policy) in want.Policies)
        {
            if (!have.Policies.TryGetValue(name, out var actual))
            {
                var hint = DidYouMean.SuggestLoose(name, have.Policies.Keys);
                findings.Add(Found($"policy {name} on {t}", false, $"policy {name} not found on {t}{(hint is null ? "" : $"; did you mean {hint}?")} (has {Names(have.Policies.Keys)})"));
                continue;
            }

            findings.Add(Found($"policy {name} on {t}", true, ""));
            if (policy.Command.Length > 0)
            {
                findings.Add(new AssertionResult($"policy {name} on {t} for {policy.Command}", actual.Command == policy.Command, actual.Command, policy.Command));
                findings.Add(new AssertionResult($"policy {name} on {t} is {(policy.Permissive ? "permissive" : "restrictive")}", actual.Permissive == policy.Permissive,
                    actual.Permissive ? "permissive" : "restrictive", policy.Permissive ? "permissive" : "restrictive"));
            }

            if (policy.Roles.Count > 0)
            {
                var same = policy.Roles.Order(StringComparer.Ordinal).SequenceEqual(actual.Roles.Order(StringComparer.Ordinal));
                findings.Add(new AssertionResult($"policy {name} on {t} to {string.Join(", ", policy.Roles)}", same, string.Join(", ", actual.Roles), string.Join(", ", policy.Roles)));
            }

            if (policy.Using is not null)
            {
                findings.Add(new AssertionResult($"policy {name} on {t} using {policy.Using}", Squash(actual.Using ?? "") == Squash(policy.Using), actual.Using ?? "none", policy.Using));
            }

            if (policy.WithCheck is not null)
            {
                findings.Add(new AssertionResult($"policy {name} on {t} with check {policy.WithCheck}", Squash(actual.WithCheck ?? "") == Squash(policy.WithCheck), actual.WithCheck ?? "none", policy.WithCheck));
            }
        }
    }

    private static AssertionResult Found(string expression, bool found, string missingNote) =>
        new(expression, found, found ? "present" : "missing", "present", found ? null : missingNote);

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    /// <summary>Compares SQL expressions without caring for spaces, parentheses or case.</summary>
    private static string Squash(string sql) => new([.. sql.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not '(' and not ')')]);
}
