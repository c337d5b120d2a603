using Greenlight.Databases.SqlText;
using Greenlight.Spec;

namespace Greenlight.Checks.Migration;

/// <summary>
/// Lints a migration set statement by statement from its tokens (never by substring), and, when a
/// dry-run gave <see cref="LintFacts"/>, from what the database really did: which tables existed
/// and how big they are, what was locked and what was rewritten. Tables the same set creates are
/// new and empty: lock and rewrite rules do not fire on them.
/// </summary>
internal static partial class MigrationLinter
{
    private static readonly string[] VolatileFunctions =
    [
        "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday",
        "nextval", "txid_current", "statement_timestamp", "random_normal",
    ];

    private static readonly string[] SerialTypes = ["serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"];

    /// <summary>
    /// Lints the set. <c>rerunnable</c> false: no file need be re-runnable (idempotent: false);
    /// <c>declared</c>: every file must be, whatever its layout (idempotent: true written in the spec),
    /// not only the files no tool records.
    /// </summary>
    public static List<LintFinding> Lint(IReadOnlyList<(MigrationFile File, SqlScript Script)> set, LintFacts? facts, IReadOnlyCollection<string> allowed, bool rerunnable, MigrationLayout layout = MigrationLayout.Plain, bool declared = false)
    {
        // Where each object is first created, in the order the set applies.
        var created = new Dictionary<string, (int Order, string File, SqlStatement Statement)>(StringComparer.Ordinal);
        var order = new Dictionary<(string, int), int>();
        var position = 0;
        foreach (var (file, script) in set)
        {
            foreach (var statement in script.Statements)
            {
                foreach (var name in Creates(statement))
                {
                    created.TryAdd(name, (position, file.Display, statement));
                }

                order[(file.Display, statement.Index)] = position++;
            }
        }

        var findings = new List<LintFinding>();
        // CHECK (col IS NOT NULL) constraints the set adds, by name, across its files: once validated, SET NOT NULL on col skips the scan.
        var notNullChecks = new Dictionary<string, (string Table, string Column, bool Valid)>(StringComparer.Ordinal);
        foreach (var (file, script) in set)
        {
            var lockTimeout = false;
            string? timeoutOff = null;
            string? unguardedReason = null;
            var mustRerun = rerunnable && (declared || RunsOnce(file, script, layout) is null);
            SqlStatement? open = null;
            (SqlStatement Statement, string Table, int Count)? unguarded = null;
            foreach (var statement in script.Statements)
            {
                var here = order[(file.Display, statement.Index)];
                bool IsNew(string table) => created.TryGetValue(table, out var c) && c.Order < here && facts?.Tables.ContainsKey(table) != true;
                void Add(LintRule rule, string message, string? table = null, Severity? severity = null)
                {
                    if (allowed.Contains(rule.Id) || Suppressed(script, statement, rule.Id) || (rule.AboutLocks && table is not null && IsNew(table)))
                    {
                        return;
                    }

                    var level = severity ?? rule.Severity;
                    if (rule.AboutLocks && table is not null && facts is not null && facts.Tables.TryGetValue(table, out var size) && size.Tiny && severity is null)
                    {
                        level = Severity.Low;
                        message += $" ({table} has {size.Describe()}: the lock is brief at this size)";
                    }
                    else if (rule.AboutLocks && table is not null && facts is not null && facts.Tables.TryGetValue(table, out var big))
                    {
                        message += $" ({table}: {big.Describe()})";
                    }

                    findings.Add(new LintFinding(file.Display, rule.Id, level, statement.Line, statement.Column, statement.OneLine(), message, rule.Fix));
                }

                var takesAccessExclusive = LintStatement(statement, Add, mustRerun, facts, file.Display, notNullChecks, out var lockedTable, out var setsLockTimeout);
                if (setsLockTimeout is { } on)
                {
                    lockTimeout = on;
                    timeoutOff = on ? null : $"{statement.OneLine(60)} (line {statement.Line}) turns the lock timeout off";
                }

                if (facts is not null && facts.AccessExclusive.TryGetValue((file.Display, statement.Index), out var locked) && locked.Count > 0)
                {
                    takesAccessExclusive = true;
                    lockedTable ??= locked.First();
                }

                if (takesAccessExclusive && lockedTable is not null && !lockTimeout && !IsNew(lockedTable) && (facts is null || facts.Tables.ContainsKey(lockedTable) || !created.ContainsKey(lockedTable)))
                {
                    unguardedReason ??= timeoutOff;
                    unguarded = unguarded is null ? (statement, lockedTable, 1) : unguarded.Value with { Count = unguarded.Value.Count + 1 };
                }

                if (statement.Verb is "begin" or "start" && (statement.Verb == "begin" || statement.Word(1) == "transaction"))
                {
                    open = statement;
                }
                else if (statement.Verb is "commit" or "end" or "rollback" or "abort")
                {
                    open = null;
                }

                foreach (var name in References(statement, created.Keys))
                {
                    if (created.TryGetValue(name, out var c) && c.Order > here && facts?.Objects.Contains(name) != true)
                    {
                        Add(LintRules.DependsOnLaterObject, $"{Describe(statement)} uses {name}, which is only created later, by {c.File}:{c.Statement.Line}: applied in order, this statement fails");
                    }
                }
            }

            if (unguarded is { } u)
            {
                var statement = u.Statement;
                if (!allowed.Contains(LintRules.MissingLockTimeout.Id) && !Suppressed(script, statement, LintRules.MissingLockTimeout.Id))
                {
                    var severity = LintRules.MissingLockTimeout.Severity;
                    var notSet = unguardedReason is null ? "lock_timeout is not set before it in this file" : $"no lock timeout protects it: {unguardedReason}";
                    var message = $"{Describe(statement)} takes ACCESS EXCLUSIVE on {u.Table} and {notSet}{(u.Count > 1 ? $" ({u.Count - 1} more such statement{(u.Count == 2 ? "" : "s")} follow)" : "")}: it would wait behind any open transaction and block every query on {u.Table} meanwhile";
                    if (facts is not null && facts.Tables.TryGetValue(u.Table, out var size))
                    {
                        message += $" ({u.Table}: {size.Describe()})";
                    }

                    findings.Add(new LintFinding(file.Display, LintRules.MissingLockTimeout.Id, severity, statement.Line, statement.Column, statement.OneLine(), message, LintRules.MissingLockTimeout.Fix));
                }
            }

            if (open is not null && !allowed.Contains(LintRules.TransactionLeftOpen.Id) && !Suppressed(script, open, LintRules.TransactionLeftOpen.Id))
            {
                findings.Add(new LintFinding(file.Display, LintRules.TransactionLeftOpen.Id, LintRules.TransactionLeftOpen.Severity, open.Line, open.Column, open.OneLine(),
                    "BEGIN is never followed by COMMIT in this file: the transaction stays open, holding its locks, until the session ends", LintRules.TransactionLeftOpen.Fix));
            }
        }

        return [.. findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Rule, StringComparer.Ordinal)];
    }

    /// <summary>Applies the statement rules; returns whether it takes ACCESS EXCLUSIVE on a table (by its text).</summary>
    private static bool LintStatement(SqlStatement statement, Action<LintRule, string, string?, Severity?> add, bool rerunnable, LintFacts? facts, string file, Dictionary<string, (string Table, string Column, bool Valid)> notNullChecks, out string? table, out bool? setsLockTimeout)
    {
        var tokens = statement.Tokens;
        table = null;
        setsLockTimeout = SetsLockTimeout(statement);
        switch (statement.Verb)
        {
            case "create" when PolicyTable(statement) is null:
                LintCreate(statement, add, rerunnable);
                return false;
            case "alter" when statement.Word(1) == "table":
                return LintAlterTable(statement, add, rerunnable, facts, file, notNullChecks, out table);
            case "create" or "alter" or "drop" when PolicyTable(statement) is { } policyTable:
                // CREATE/ALTER/DROP POLICY take ACCESS EXCLUSIVE on the table (not a rewrite, but it queues behind every reader).
                table = policyTable;
                return true;
            case "drop" when statement.Word(1) == "trigger":
                table = OnTable(statement);
                return table is not null;
            case "drop" when statement.Word(1) == "table":
                {
                    var i = 2;
                    Skip(tokens, ref i, "if", "exists");
                    var names = new List<string>();
                    while (i < tokens.Count && tokens[i].IsName)
                    {
                        names.Add(ReadName(tokens, ref i));
                        if (i < tokens.Count && tokens[i].Kind == SqlTokenKind.Comma)
                        {
                            i++;
                        }
                    }

                    table = names.FirstOrDefault();
                    add(LintRules.DropTable, $"DROP TABLE {string.Join(", ", names)} deletes the table{(names.Count == 1 ? "" : "s")} and every row in {(names.Count == 1 ? "it" : "them")}", null, null);
                    return true;
                }

            case "drop" when statement.Word(1) == "index" && statement.Word(2) != "concurrently":
                return false;
            case "update":
                {
                    var i = 1;
                    Skip(tokens, ref i, "only");
                    table = i < tokens.Count && tokens[i].IsName ? ReadName(tokens, ref i) : null;
                    if (!HasTopLevel(tokens, 1, "where"))
                    {
                        add(LintRules.UpdateWithoutWhere, $"UPDATE {table} without WHERE rewrites every row of the table in one transaction", null, null);
                    }

                    return false;
                }

            case "delete":
                {
                    var i = 1;
                    Skip(tokens, ref i, "from");
                    Skip(tokens, ref i, "only");
                    table = i < tokens.Count && tokens[i].IsName ? ReadName(tokens, ref i) : null;
                    if (!HasTopLevel(tokens, 1, "where"))
                    {
                        add(LintRules.DeleteWithoutWhere, $"DELETE FROM {table} without WHERE deletes every row", null, null);
                    }

                    return false;
                }

            case "truncate":
                {
                    var i = 1;
                    Skip(tokens, ref i, "table");
                    Skip(tokens, ref i, "only");
                    table = i < tokens.Count && tokens[i].IsName ? ReadName(tokens, ref i) : null;
                    add(LintRules.Truncate, $"TRUNCATE {table} deletes every row at once, under ACCESS EXCLUSIVE", null, null);
                    return true;
                }

            case "vacuum" when tokens.Any(t => t.Is("full")):
            case "cluster":
                {
                    table = tokens.LastOrDefault(t => t.IsName && !t.Is("vacuum", "full", "cluster", "verbose", "analyze", "using", "freeze")).Value;
                    add(LintRules.VacuumFullOrCluster, $"{(statement.Verb == "cluster" ? "CLUSTER" : "VACUUM FULL")} rewrites {table ?? "the tables"} and holds ACCESS EXCLUSIVE until it is done: no reads, no writes", table, null);
                    return true;
                }

            default:
                return false;
        }
    }

    private static void LintCreate(SqlStatement statement, Action<LintRule, string, string?, Severity?> add, bool rerunnable)
    {
        var tokens = statement.Tokens;
        var i = 1;
        Skip(tokens, ref i, "or", "replace");
        var unique = Skip(tokens, ref i, "unique");
        if (statement.Word(i) == "index")
        {
            i++;
            var concurrently = Skip(tokens, ref i, "concurrently");
            var ifNotExists = Skip(tokens, ref i, "if", "not", "exists");
            var on = tokens.Skip(i).TakeWhile(t => !t.Is("on")).Count() + i;
            var j = on + 1;
            Skip(tokens, ref j, "only");
            var table = j < tokens.Count && tokens[j].IsName ? ReadName(tokens, ref j) : "?";
            if (!concurrently)
            {
                add(LintRules.CreateIndexNotConcurrently, $"CREATE {(unique ? "UNIQUE " : "")}INDEX on {table} without CONCURRENTLY blocks every write to {table} while the index builds", table, null);
            }

            if (!ifNotExists && rerunnable)
            {
                add(LintRules.CreateWithoutIfNotExists, $"CREATE INDEX without IF NOT EXISTS fails when the file runs twice", null, null);
            }

            return;
        }

        while (statement.Word(i) is "temp" or "temporary" or "unlogged" or "global" or "local" or "materialized")
        {
            i++;
        }

        var kind = statement.Word(i);
        if (kind is "table" or "schema" or "sequence" or "extension" or "view" && (kind != "view" || tokens.Any(t => t.Is("materialized"))))
        {
            i++;
            if (!Skip(tokens, ref i, "if", "not", "exists") && rerunnable)
            {
                add(LintRules.CreateWithoutIfNotExists, $"CREATE {kind.ToUpperInvariant()} without IF NOT EXISTS fails when the file runs twice", null, null);
            }
        }
    }

    private static bool LintAlterTable(SqlStatement statement, Action<LintRule, string, string?, Severity?> add, bool rerunnable, LintFacts? facts, string file, Dictionary<string, (string Table, string Column, bool Valid)> notNullChecks, out string? table)
    {
        var tokens = statement.Tokens;
        var i = 2;
        Skip(tokens, ref i, "if", "exists");
        Skip(tokens, ref i, "only");
        table = i < tokens.Count && tokens[i].IsName ? ReadName(tokens, ref i) : null;
        if (i < tokens.Count && tokens[i].Kind == SqlTokenKind.Operator && tokens[i].Value == "*")
        {
            i++;
        }

        var exclusive = false;
        var rewritten = facts?.Rewritten.GetValueOrDefault((file, statement.Index));
        foreach (var action in Actions(tokens, i))
        {
            if (action.Count == 0)
            {
                continue;
            }

            var first = action[0];
            var second = action.Count > 1 ? action[1] : default;
            var light = (first.Is("validate")) || (first.Is("add") && action.Any(t => t.Is("foreign"))) || action.Any(t => t.Is("statistics")) ||
                        first.Is("attach") || (first.Is("detach") && action.Any(t => t.Is("concurrently"))) || (first.Is("cluster") && second.Is("on")) || (first.Is("set") && second.Is("without"));
            exclusive |= !light;
            if (first.Is("validate") && second.Is("constraint") && action.Count > 2 && notNullChecks.TryGetValue(action[2].Value, out var validated) && validated.Table == table)
            {
                notNullChecks[action[2].Value] = validated with { Valid = true };
            }
            else if (first.Is("drop") && !second.Is("constraint", "default", "not", "identity", "expression"))
            {
                var j = second.Is("column") ? 2 : 1;
                Skip(action, ref j, "if", "exists");
                var column = j < action.Count ? action[j].Value : "?";
                add(LintRules.DropColumn, $"DROP COLUMN {table}.{column} deletes the column and its data; running code that reads it fails", null, null);
            }
            else if (first.Is("rename"))
            {
                if (second.Is("to"))
                {
                    add(LintRules.RenameTable, $"RENAME {table} TO {(action.Count > 2 ? action[2].Value : "?")}: running code still uses the old name and fails until it is redeployed", null, null);
                }
                else if (!second.Is("constraint"))
                {
                    var j = second.Is("column") ? 2 : 1;
                    add(LintRules.RenameColumn, $"RENAME COLUMN {table}.{(j < action.Count ? action[j].Value : "?")}: running code still uses the old name and fails until it is redeployed", null, null);
                }
            }
            else if (first.Is("alter"))
            {
                var j = second.Is("column") ? 2 : 1;
                var column = j < action.Count ? action[j].Value : "?";
                if (action.Any(t => t.Is("type")))
                {
                    var noRewrite = rewritten is not null && table is not null && !rewritten.Contains(table) && facts!.Tables.ContainsKey(table);
                    add(LintRules.ChangeColumnType, noRewrite
                        ? $"ALTER COLUMN {table}.{column} TYPE takes ACCESS EXCLUSIVE; the dry-run saw no rewrite of {table}"
                        : $"ALTER COLUMN {table}.{column} TYPE rewrites {table} (and its indexes) under ACCESS EXCLUSIVE", table, noRewrite ? Severity.Low : null);
                }
                else if (Sequence(action, "set", "not", "null") &&
                         !(facts?.NotNullImplied.GetValueOrDefault((file, statement.Index)) is { } implied ? implied.Contains(column) : Covered(notNullChecks, table, column)))
                {
                    // With a database, what the server had just before the statement decides (a valid
                    // CHECK that implies col IS NOT NULL, from before the set or validated in it);
                    // without one, the checks the set itself adds and validates.
                    add(LintRules.SetNotNull, $"SET NOT NULL on {table}.{column} scans the whole table under ACCESS EXCLUSIVE", table, null);
                }
            }
            else if (first.Is("add"))
            {
                LintAdd(action, table, add, rerunnable, rewritten, notNullChecks);
            }
        }

        return exclusive;
    }

    private static void LintAdd(List<SqlToken> action, string? table, Action<LintRule, string, string?, Severity?> add, bool rerunnable, HashSet<string>? rewritten, Dictionary<string, (string Table, string Column, bool Valid)> notNullChecks)
    {
        var j = 1;
        string? constraint = null;
        if (action.Count > 2 && action[1].Is("constraint"))
        {
            constraint = action[2].Value;
            j = 3;
        }

        var kind = j < action.Count ? action[j] : default;
        var notValid = Sequence(action, "not", "valid");
        var usingIndex = Sequence(action, "using", "index");
        var name = constraint is null ? "" : $" {constraint}";
        if (kind.Is("foreign"))
        {
            if (!notValid)
            {
                add(LintRules.AddForeignKeyWithoutNotValid, $"ADD FOREIGN KEY{name} on {table} without NOT VALID checks every row while it locks {table} and the table it references", table, null);
            }

            return;
        }

        if (kind.Is("check"))
        {
            // CHECK (col IS NOT NULL): once validated, PostgreSQL 12+ lets SET NOT NULL on col skip its scan.
            if (table is not null && action.Count >= j + 7 && action[j + 1].Kind == SqlTokenKind.OpenParen && action[j + 2].IsName &&
                action[j + 3].Is("is") && action[j + 4].Is("not") && action[j + 5].Is("null") && action[j + 6].Kind == SqlTokenKind.CloseParen)
            {
                notNullChecks[constraint ?? $"{table}.{action[j + 2].Value}"] = (table, action[j + 2].Value, !notValid);
            }

            if (!notValid)
            {
                add(LintRules.AddCheckWithoutNotValid, $"ADD CHECK{name} on {table} without NOT VALID scans every row under ACCESS EXCLUSIVE", table, null);
            }

            return;
        }

        if (kind.Is("unique"))
        {
            if (!usingIndex)
            {
                add(LintRules.AddUniqueWithoutIndex, $"ADD UNIQUE{name} on {table} builds its index under ACCESS EXCLUSIVE", table, null);
            }

            return;
        }

        if (kind.Is("primary"))
        {
            if (!usingIndex)
            {
                add(LintRules.AddPrimaryKeyWithoutIndex, $"ADD PRIMARY KEY{name} on {table} builds its index under ACCESS EXCLUSIVE", table, null);
            }

            return;
        }

        if (kind.Is("exclude") || constraint is not null)
        {
            return;
        }

        // ADD [COLUMN] [IF NOT EXISTS] name type …
        j = action.Count > 1 && action[1].Is("column") ? 2 : 1;
        var ifNotExists = Skip(action, ref j, "if", "not", "exists");
        var column = j < action.Count ? action[j].Value : "?";
        var definition = action.Skip(j + 1).ToList();
        if (!ifNotExists && rerunnable)
        {
            add(LintRules.CreateWithoutIfNotExists, $"ADD COLUMN {column} without IF NOT EXISTS fails when the file runs twice", null, null);
        }

        var hasDefault = definition.Any(t => t.Is("default"));
        var serial = definition.Count > 0 && SerialTypes.Contains(definition[0].Value);
        var generated = definition.Any(t => t.Is("generated"));
        if (Sequence(definition, "not", "null") && !hasDefault && !serial && !generated)
        {
            add(LintRules.AddColumnNotNullNoDefault, $"ADD COLUMN {table}.{column} NOT NULL without a DEFAULT fails on a table that has rows", table, null);
        }

        var defaultAt = definition.FindIndex(t => t.Is("default"));
        var volatileCall = defaultAt < 0 ? null : definition.Skip(defaultAt + 1).Select((t, k) => (t, k)).Where(x => x.t.IsName && VolatileFunctions.Contains(x.t.Value)).Select(x => x.t.Value).FirstOrDefault();
        // GENERATED … STORED computes the expression for every existing row, and an identity column
        // draws a sequence value for each: both rewrite the table, like a volatile default.
        var generatedAt = definition.FindIndex(t => t.Is("generated"));
        var stored = generatedAt >= 0 && definition.Skip(generatedAt).Any(t => t.Is("stored"));
        var identity = generatedAt >= 0 && Sequence(definition, "as", "identity");
        if (serial || volatileCall is not null || stored || identity || (hasDefault && rewritten is not null && table is not null && rewritten.Contains(table)))
        {
            var why = serial ? $"a {definition[0].Value} column" : volatileCall is not null ? $"the volatile default {volatileCall}()"
                : stored ? "a stored generated expression (computed for every row)" : identity ? "an identity (a sequence value for every row)"
                : "its default (the dry-run saw the table rewritten)";
            add(LintRules.VolatileDefaultRewrite, $"ADD COLUMN {table}.{column} with {why} rewrites every row of {table} under ACCESS EXCLUSIVE", table, null);
        }
    }

    /// <summary>The objects a statement creates: tables, views, functions, procedures, types, sequences (and a table's new name).</summary>
    public static IEnumerable<string> Creates(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        if (statement.Verb == "alter" && statement.Word(1) == "table")
        {
            var r = tokens.Select((t, k) => (t, k)).FirstOrDefault(x => x.t.Is("rename") && x.k + 2 < tokens.Count && tokens[x.k + 1].Is("to"));
            if (r.t.Is("rename"))
            {
                var k = r.k + 2;
                yield return ReadName(tokens, ref k);
            }

            yield break;
        }

        if (statement.Verb != "create")
        {
            yield break;
        }

        var i = 1;
        Skip(tokens, ref i, "or", "replace");
        while (statement.Word(i) is "temp" or "temporary" or "unlogged" or "global" or "local" or "materialized" or "recursive" or "constraint")
        {
            i++;
        }

        if (statement.Word(i) is "table" or "view" or "function" or "procedure" or "type" or "sequence" or "trigger")
        {
            i++;
            Skip(tokens, ref i, "if", "not", "exists");
            if (i < tokens.Count && tokens[i].IsName)
            {
                yield return ReadName(tokens, ref i);
            }
        }
    }

    /// <summary>Names a statement relies on: after FROM, JOIN, REFERENCES, INTO, UPDATE, ALTER TABLE, ON (index, trigger), EXECUTE FUNCTION, and calls of functions the set creates.</summary>
    public static HashSet<string> References(SqlStatement statement, IEnumerable<string> createdNames)
    {
        var tokens = statement.Tokens;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var functions = new HashSet<string>(createdNames, StringComparer.Ordinal);
        var ctes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].IsName && tokens[i + 1].Is("as") && i + 2 < tokens.Count && (tokens[i + 2].Kind == SqlTokenKind.OpenParen || tokens[i + 2].Is("not", "materialized")))
            {
                ctes.Add(tokens[i].Value);
            }
        }

        var own = Creates(statement).ToHashSet(StringComparer.Ordinal);
        var isIndexOrTrigger = statement.Verb == "create" && tokens.Take(6).Any(t => t.Is("index", "trigger"));
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var next = i + 1;
            var take = false;
            if (t.Is("from", "join", "references") || (t.Is("into") && i > 0 && tokens[i - 1].Is("insert")) || (i == 0 && t.Is("update")))
            {
                take = true;
            }
            else if (t.Is("table") && i > 0 && tokens[i - 1].Is("alter"))
            {
                Skip(tokens, ref next, "if", "exists");
                take = true;
            }
            else if (t.Is("on") && isIndexOrTrigger)
            {
                take = true;
            }
            else if (t.Is("function", "procedure") && i > 0 && tokens[i - 1].Is("execute"))
            {
                take = true;
            }
            else if (t.IsName && next < tokens.Count && tokens[next].Kind == SqlTokenKind.OpenParen && functions.Contains(t.Value) && !(i > 0 && tokens[i - 1].Is("function", "procedure", "table", "view", "type", "trigger", "exists")))
            {
                names.Add(t.Value);
                continue;
            }

            if (!take)
            {
                continue;
            }

            Skip(tokens, ref next, "only");
            Skip(tokens, ref next, "lateral");
            while (next < tokens.Count && tokens[next].IsName)
            {
                var name = ReadName(tokens, ref next);
                names.Add(name);
                // FROM a x, b y: an alias, then a comma to the next table.
                if (next < tokens.Count && tokens[next].Is("as"))
                {
                    next++;
                }

                if (next < tokens.Count && tokens[next].IsName && !tokens[next].Is("where", "join", "on", "inner", "left", "right", "full", "cross", "natural", "group", "order", "limit", "union", "using", "for", "set", "values", "select", "default", "returning", "having", "window", "except", "intersect", "offset", "fetch"))
                {
                    next++;
                }

                if (next < tokens.Count && tokens[next].Kind == SqlTokenKind.Comma && t.Is("from"))
                {
                    next++;
                    continue;
                }

                break;
            }
        }

        names.ExceptWith(ctes);
        names.ExceptWith(own);
        return names;
    }

    private static string Describe(SqlStatement statement)
    {
        var created = Creates(statement).FirstOrDefault();
        return statement.Verb == "create" && created is not null
            ? $"{string.Join(' ', statement.Tokens.Skip(1).TakeWhile(t => t.Kind == SqlTokenKind.Word && !t.Is("if") && t.Value != created).Select(t => t.Value).Where(w => w is not "or" and not "replace"))} {created}".Trim()
            : statement.Verb.ToUpperInvariant();
    }

    /// <summary>
    /// Whether the statement sets lock_timeout: true to a limit, false when it turns the limit off
    /// (0 means wait forever; DEFAULT and RESET go back to the server's, normally 0), null when it does not touch it.
    /// </summary>
    private static bool? SetsLockTimeout(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        if (statement.Verb == "set")
        {
            var i = 1;
            Skip(tokens, ref i, "local");
            Skip(tokens, ref i, "session");
            if (statement.Word(i) != "lock_timeout")
            {
                return null;
            }

            i++;
            if (i < tokens.Count && (tokens[i].Is("to") || tokens[i].Value == "="))
            {
                i++;
            }

            return i < tokens.Count && !tokens[i].Is("default") && !IsZero(tokens[i].Value);
        }

        if (statement.Verb == "reset")
        {
            return statement.Word(1) is "lock_timeout" or "all" ? false : null;
        }

        foreach (var (t, k) in tokens.Select((t, k) => (t, k)))
        {
            if (t.Is("set_config") && k + 4 < tokens.Count && tokens[k + 2].Kind == SqlTokenKind.String && tokens[k + 2].Value == "lock_timeout")
            {
                return !IsZero(tokens[k + 4].Value);
            }
        }

        return null;
    }

    /// <summary>"0", "0s", "0ms", " 0 min": a timeout of zero, which PostgreSQL reads as no timeout.</summary>
    private static bool IsZero(string value)
    {
        var digits = new string(value.Trim().TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        return digits.Length > 0 && double.TryParse(digits, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && number == 0;
    }

    /// <summary>The table of CREATE/ALTER/DROP POLICY (name ON table), or null for any other statement.</summary>
    private static string? PolicyTable(SqlStatement statement) =>
        statement.Verb is "create" or "alter" or "drop" && statement.Word(1) == "policy" ? OnTable(statement) : null;

    /// <summary>The table after the first ON of the statement (policies, triggers), or null.</summary>
    private static string? OnTable(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        for (var i = 2; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Is("on") && tokens[i + 1].IsName)
            {
                var k = i + 1;
                return ReadName(tokens, ref k);
            }
        }

        return null;
    }

    /// <summary>
    /// Why a file is applied once by a tool that records it in its history table (so it need not be
    /// re-runnable), or null when it is meant to be run again: Alembic (by layout, or its offline
    /// output's alembic_version update), Supabase (supabase db push records each version),
    /// Flyway versioned files (R__ repeatables are re-run on every change), timestamped folders
    /// (Prisma, golang-migrate, Rails), and a file that is one transaction (BEGIN … COMMIT), whose
    /// second run fails as a whole and changes nothing. What is left is plain SQL no tool records
    /// (a schema.sql, a folder applied by hand or by psql in a deploy script): run again on every deploy.
    /// </summary>
    public static string? RunsOnce(MigrationFile file, SqlScript script, MigrationLayout layout)
    {
        if (layout == MigrationLayout.Alembic)
        {
            return "an Alembic revision";
        }

        if ((layout == MigrationLayout.Flyway && !file.Repeatable) || FlywayVersioned().IsMatch(Path.GetFileName(file.Display)))
        {
            return "a Flyway versioned migration";
        }

        if (layout == MigrationLayout.Timestamped)
        {
            return "a versioned migration (timestamped folder)";
        }

        if (layout == MigrationLayout.Supabase)
        {
            return "a Supabase migration (recorded in supabase_migrations.schema_migrations)";
        }

        var statements = script.Statements;
        if (statements.Any(s => s.Verb is "update" or "insert" && s.Tokens.Take(4).Any(t => t.Value == "alembic_version")))
        {
            return "Alembic offline output (it updates alembic_version)";
        }

        static bool Begins(SqlStatement s) => s.Verb == "begin" || (s.Verb == "start" && s.Word(1) == "transaction");
        static bool Ends(SqlStatement s) => s.Verb is "commit" or "end";
        if (statements.Count > 2 && Begins(statements[0]) && Ends(statements[^1]) &&
            !statements.Skip(1).SkipLast(1).Any(s => Begins(s) || Ends(s) || s.Verb is "rollback" or "abort"))
        {
            return "one transaction (BEGIN … COMMIT)";
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^V[0-9][0-9._]*__.+\.sql$")]
    private static partial System.Text.RegularExpressions.Regex FlywayVersioned();

    /// <summary>
    /// `-- greenlight:allow rule-id` in the comment block right above the statement (comments on the
    /// lines before it, up to a blank line or the previous statement) or on one of its lines.
    /// </summary>
    private static bool Suppressed(SqlScript script, SqlStatement statement, string rule)
    {
        var previous = statement.Index > 0 ? script.Statements[statement.Index - 1] : null;
        var previousEnd = previous is null ? 0 : previous.Offset + previous.Text.Length;
        var text = script.Text;
        // Walk the comments between the previous statement and this one from the nearest up; a
        // blank line ends the block, and a comment on the previous statement's last line is its own.
        var boundary = statement.Offset;
        var block = new List<SqlToken>();
        foreach (var comment in script.Comments.Where(c => c.Offset >= previousEnd && c.End <= statement.Offset).OrderByDescending(c => c.Offset))
        {
            if (text.AsSpan(comment.End, boundary - comment.End).Count('\n') > 1 || (previous is not null && comment.Line == previous.EndLine))
            {
                break;
            }

            block.Add(comment);
            boundary = comment.Offset;
        }

        var within = script.Comments.Where(c => c.Offset > statement.Offset && c.Line <= statement.EndLine);
        foreach (var comment in block.Concat(within))
        {
            var body = comment.Value.Trim();
            var at = body.IndexOf("greenlight:allow", StringComparison.Ordinal);
            if (at >= 0 && body[(at + "greenlight:allow".Length)..].Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Contains(rule))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The table (schema-qualified when written so) of an ALTER TABLE that sets NOT NULL on a column, or null.</summary>
    public static (string? Schema, string Table)? SetNotNullTable(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        if (statement.Verb != "alter" || statement.Word(1) != "table" || !Sequence(tokens, "set", "not", "null"))
        {
            return null;
        }

        var i = 2;
        Skip(tokens, ref i, "if", "exists");
        Skip(tokens, ref i, "only");
        if (i >= tokens.Count || !tokens[i].IsName)
        {
            return null;
        }

        var first = tokens[i].Value;
        return i + 2 < tokens.Count && tokens[i + 1].Kind == SqlTokenKind.Dot && tokens[i + 2].IsName ? (first, tokens[i + 2].Value) : ((string?)null, first);
    }

    /// <summary>
    /// The columns a CHECK constraint's definition (pg_get_constraintdef) proves NOT NULL: each
    /// `col IS NOT NULL` among its top-level AND conjuncts, as PostgreSQL 12+ uses it to skip the
    /// scan of SET NOT NULL. An OR, a function or anything else proves nothing.
    /// </summary>
    public static IEnumerable<string> ColumnsProvedNotNull(string definition)
    {
        var tokens = Tokens(definition);
        if (tokens is null || tokens.Count == 0 || !tokens[0].Is("check"))
        {
            yield break;
        }

        var pending = new Stack<List<SqlToken>>();
        pending.Push([.. tokens.Skip(1)]);
        while (pending.Count > 0)
        {
            var part = Unwrap(pending.Pop());
            if (part.Count == 4 && part[0].IsName && part[1].Is("is") && part[2].Is("not") && part[3].Is("null"))
            {
                yield return part[0].Value;
                continue;
            }

            var conjuncts = new List<List<SqlToken>> { new() };
            var depth = 0;
            foreach (var token in part)
            {
                depth += token.Kind == SqlTokenKind.OpenParen ? 1 : token.Kind == SqlTokenKind.CloseParen ? -1 : 0;
                if (depth == 0 && token.Is("and"))
                {
                    conjuncts.Add([]);
                    continue;
                }

                conjuncts[^1].Add(token);
            }

            if (conjuncts.Count > 1)
            {
                foreach (var conjunct in conjuncts)
                {
                    pending.Push(conjunct);
                }
            }
        }

        static List<SqlToken>? Tokens(string text)
        {
            try
            {
                return [.. SqlScript.Parse(text).Statements.SelectMany(s => s.Tokens)];
            }
            catch (SqlSyntaxException)
            {
                return null;
            }
        }

        // Strips parentheses that enclose the whole expression: ((a IS NOT NULL)) is a IS NOT NULL.
        static List<SqlToken> Unwrap(List<SqlToken> part)
        {
            while (part.Count >= 2 && part[0].Kind == SqlTokenKind.OpenParen && part[^1].Kind == SqlTokenKind.CloseParen)
            {
                var depth = 0;
                var whole = true;
                for (var k = 0; k < part.Count - 1 && whole; k++)
                {
                    depth += part[k].Kind == SqlTokenKind.OpenParen ? 1 : part[k].Kind == SqlTokenKind.CloseParen ? -1 : 0;
                    whole = depth > 0;
                }

                if (!whole)
                {
                    break;
                }

                part = part.GetRange(1, part.Count - 2);
            }

            return part;
        }
    }

    private static bool Covered(Dictionary<string, (string Table, string Column, bool Valid)> notNullChecks, string? table, string column) =>
        notNullChecks.Values.Any(c => c.Valid && c.Table == table && c.Column == column);

    /// <summary>The actions of ALTER TABLE: the tokens after the name, split at top-level commas.</summary>
    private static List<List<SqlToken>> Actions(IReadOnlyList<SqlToken> tokens, int start)
    {
        var actions = new List<List<SqlToken>> { new() };
        var depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            depth += token.Kind == SqlTokenKind.OpenParen ? 1 : token.Kind == SqlTokenKind.CloseParen ? -1 : 0;
            if (token.Kind == SqlTokenKind.Comma && depth == 0)
            {
                actions.Add([]);
                continue;
            }

            actions[^1].Add(token);
        }

        return actions;
    }

    private static bool HasTopLevel(IReadOnlyList<SqlToken> tokens, int start, string word)
    {
        var depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            depth += tokens[i].Kind == SqlTokenKind.OpenParen ? 1 : tokens[i].Kind == SqlTokenKind.CloseParen ? -1 : 0;
            if (depth == 0 && tokens[i].Is(word))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Sequence(IReadOnlyList<SqlToken> tokens, params string[] words)
    {
        for (var i = 0; i + words.Length <= tokens.Count; i++)
        {
            var all = true;
            for (var k = 0; k < words.Length && all; k++)
            {
                all = tokens[i + k].Is(words[k]);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Skips the words if they come next, all of them; says whether they did.</summary>
    private static bool Skip(IReadOnlyList<SqlToken> tokens, ref int i, params string[] words)
    {
        for (var k = 0; k < words.Length; k++)
        {
            if (i + k >= tokens.Count || !tokens[i + k].Is(words[k]))
            {
                return false;
            }
        }

        i += words.Length;
        return true;
    }

    /// <summary>A possibly qualified name (schema.table): its last part, as PostgreSQL folds it.</summary>
    private static string ReadName(IReadOnlyList<SqlToken> tokens, ref int i)
    {
        var name = tokens[i].Value;
        i++;
        while (i + 1 < tokens.Count && tokens[i].Kind == SqlTokenKind.Dot && tokens[i + 1].IsName)
        {
            name = tokens[i + 1].Value;
            i += 2;
        }

        return name;
    }
}
