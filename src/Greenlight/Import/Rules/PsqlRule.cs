using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// <c>psql</c>: <c>\dt T</c> and <c>\d T</c> → a <c>schema</c> check that T exists; a <c>pg_indexes</c>
/// query with the index names printed below it → the same check with those indexes; a <c>SELECT</c>
/// (in <c>-c</c> or a heredoc) → a <c>sql</c> check. The connection options give the target's default,
/// never its password.
/// </summary>
internal sealed partial class PsqlRule : ICommandRule
{
    public bool TryImport(ShellCommand command, ShellBlockState block, ImportSession session)
    {
        var words = command.Words.SkipWhile(w => Assignment().IsMatch(w)).ToList();
        if (words.Count == 0 || Path.GetFileName(words[0]) != "psql")
        {
            return false;
        }

        var psql = command with { Words = words };
        if (block.Block.Phase == ImportPhase.Rollback)
        {
            if (command.Heredoc is not null)
            {
                SqlChecks.Import(command.Heredoc, command.Line, block.Block, [], session);
            }
            else
            {
                session.Rollback.Add(new ImportedRollbackStep(command.Line, AlembicRule.WithFolder(command.Text, block.Folder), "from the rollback plan"));
            }

            return true;
        }

        session.UseDatabase(DocumentUrl(psql));
        var sql = psql.Option("-c", "--command") ?? command.Heredoc;
        if (sql is null)
        {
            session.Skip(command.Line, command.Text, "psql without a command to check (-c or a heredoc)");
            return true;
        }

        sql = sql.Trim();
        if (Describe().Match(sql) is { Success: true } describe)
        {
            Table(block, describe.Groups["table"].Value, command);
            return true;
        }

        if (IndexQuery().Match(sql) is { Success: true } indexes)
        {
            var table = Table(block, indexes.Groups["table"].Value, command);
            table.AddRange(ExpectedIndexes(block.Block.ExpectedOutput ?? string.Join("\n", block.ExpectationsOf(command))));
            return true;
        }

        SqlChecks.Import(sql, command.Line, block.Block, block.ExpectationsOf(command), session, command.Title);
        return true;
    }

    /// <summary>Writes one schema check per table the block's psql commands looked at.</summary>
    public static void EmitSchemaChecks(ShellBlockState block, ImportSession session)
    {
        foreach (var (name, (line, indexes, title)) in block.Tables)
        {
            var check = new ImportedCheck
            {
                Kind = "schema",
                Title = title ?? $"{name} exists" + (indexes.Count > 0 ? $" with its {indexes.Count} indexes" : ""),
                Line = line,
                Phase = block.Block.Phase,
                Area = "DB",
            };
            check.Set("target", session.UseDatabase());
            var expectations = new List<KeyValuePair<string, object>>();
            if (indexes.Count > 0)
            {
                expectations.Add(new("indexes", indexes.Distinct(StringComparer.Ordinal).ToList()));
            }

            check.Set("tables", new List<KeyValuePair<string, object>> { new(name, expectations) });
            check.Keys.Add(name);
            foreach (var index in indexes)
            {
                check.Keys.Add(index);
            }

            check.Keys.Add($"{indexes.Count} indexes");
            session.Add(check);
        }
    }

    private static List<string> Table(ShellBlockState block, string name, ShellCommand command)
    {
        name = name.Trim().TrimEnd(';').Split('.')[^1];
        if (!block.Tables.TryGetValue(name, out var entry))
        {
            entry = (command.Line, [], null);
            block.Tables[name] = entry;
        }

        return entry.Indexes;
    }

    /// <summary>Index names from printed output: "- idx_…" lines under "Indexes:", or names that look like indexes.</summary>
    internal static IEnumerable<string> ExpectedIndexes(string output)
    {
        var names = new List<string>();
        var underIndexes = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (IndexesHeading().IsMatch(line))
            {
                underIndexes = true;
                continue;
            }

            if (underIndexes && ListedName().Match(line) is { Success: true } listed)
            {
                names.Add(listed.Groups["name"].Value);
            }
            else if (line.Length > 0 && underIndexes && !line.StartsWith('-'))
            {
                underIndexes = false;
            }
        }

        if (names.Count == 0)
        {
            names.AddRange(IndexLikeName().Matches(output).Select(m => m.Value));
        }

        return names.Distinct(StringComparer.Ordinal);
    }

    private static string? DocumentUrl(ShellCommand psql)
    {
        var user = psql.Option("-U", "--username");
        var host = psql.Option("-h", "--host");
        var database = psql.Option("-d", "--dbname");
        var port = psql.Option("-p", "--port");
        if (host is null && database is null)
        {
            return null;
        }

        return $"postgres://{(user is null ? "" : user + "@")}{host ?? "localhost"}{(port is null ? "" : ":" + port)}/{database ?? user ?? "postgres"}";
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^\\d[t+S]*\s+(?<table>[A-Za-z_][A-Za-z0-9_.]*)\s*;?\s*$")]
    private static partial Regex Describe();

    [GeneratedRegex(@"FROM\s+pg_indexes\s+WHERE\s+tablename\s*=\s*'(?<table>[^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex IndexQuery();

    [GeneratedRegex(@"^indexes\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex IndexesHeading();

    [GeneratedRegex(@"^[-*]\s+`?(?<name>[A-Za-z_][A-Za-z0-9_]*)`?\s*$")]
    private static partial Regex ListedName();

    [GeneratedRegex(@"\b(idx|ix)_[A-Za-z0-9_]+\b|\b[A-Za-z0-9_]+_(idx|pkey|key)\b")]
    private static partial Regex IndexLikeName();
}
