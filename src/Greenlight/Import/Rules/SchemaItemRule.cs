using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// Lists of schema objects a document claims — under "Tables", "Indexes" or "Foreign Keys": "✅ `users` -
/// Exists", "✅ `idx_contexts_extracted` - Created on `user_contexts(extracted_at)`", "✅
/// `user_contexts.user_id → users.id` (ON DELETE CASCADE)" — become one <c>schema</c> check per list,
/// which proves each line it came from.
/// </summary>
internal sealed partial class SchemaItemRule : IItemRule
{
    private readonly Dictionary<(int Heading, string? Label, string What), ImportedCheck> _open = [];

    public bool TryImport(ItemElement item, ItemContext context, ImportSession session)
    {
        var topic = $"{context.Label} {context.Heading}";
        if (ForeignKey().Match(item.Text) is { Success: true } fk && ForeignKeyWords().IsMatch(topic + " " + item.Text))
        {
            var fkCheck = CheckFor(context, "fks", "the foreign keys the checklist names exist", item, session);
            var table = Table(fkCheck, fk.Groups["table"].Value);
            var key = new List<KeyValuePair<string, object>>
            {
                new("columns", new List<string> { fk.Groups["column"].Value }),
                new("references", $"{fk.Groups["ref"].Value}({fk.Groups["refcol"].Value})"),
            };
            if (OnDelete().Match(item.Text) is { Success: true } action)
            {
                key.Add(new("on_delete", action.Groups["action"].Value.ToLowerInvariant().Replace(' ', '_')));
            }

            Add(table, "foreign_keys", key);
            return Done(fkCheck, item, session, fk.Groups["table"].Value, fk.Groups["ref"].Value);
        }

        var names = Backticked().Matches(item.Text).Select(m => m.Groups["name"].Value).ToList();
        if (names.Count == 0)
        {
            return false;
        }

        if (IndexWords().IsMatch(topic) && OnTable().Match(item.Text) is { Success: true } on)
        {
            var check = CheckFor(context, "indexes", "the indexes the checklist names exist", item, session);
            Add(Table(check, on.Groups["table"].Value), "indexes", names[0]);
            return Done(check, item, session, names[0], on.Groups["table"].Value);
        }

        if (TableWords().IsMatch(topic) && Exists().IsMatch(item.Text) && names.Count == 1 && !names[0].Contains('.', StringComparison.Ordinal))
        {
            var check = CheckFor(context, "tables", "the tables the checklist names exist", item, session);
            Table(check, names[0]);
            return Done(check, item, session, names[0]);
        }

        return false;
    }

    private static bool Done(ImportedCheck check, ItemElement item, ImportSession session, params string[] keys)
    {
        foreach (var key in keys)
        {
            check.Keys.Add(key);
        }

        if (check.Line != item.Line)
        {
            check.Covers.Add(item.Line);
        }

        session.Items++;
        return true;
    }

    private ImportedCheck CheckFor(ItemContext context, string what, string title, ItemElement item, ImportSession session)
    {
        if (!_open.TryGetValue((context.HeadingLine, context.Label, what), out var check))
        {
            check = new ImportedCheck { Kind = "schema", Title = title, Line = item.Line, Phase = context.Phase, Area = "DB" };
            check.Set("target", session.UseDatabase());
            check.Set("tables", new List<KeyValuePair<string, object>>());
            _open[(context.HeadingLine, context.Label, what)] = check;
            session.Add(check);
        }

        return check;
    }

    private static List<KeyValuePair<string, object>> Table(ImportedCheck check, string name)
    {
        var tables = (List<KeyValuePair<string, object>>)check.Fields.First(f => f.Key == "tables").Value;
        var existing = tables.FirstOrDefault(t => t.Key == name);
        if (existing.Key is null)
        {
            existing = new(name, new List<KeyValuePair<string, object>>());
            tables.Add(existing);
        }

        return (List<KeyValuePair<string, object>>)existing.Value;
    }

    private static void Add(List<KeyValuePair<string, object>> table, string field, object value)
    {
        var existing = table.FirstOrDefault(f => f.Key == field);
        if (existing.Key is null)
        {
            existing = new(field, field == "indexes" ? new List<string>() : new List<object>());
            table.Add(existing);
        }

        switch (existing.Value)
        {
            case List<string> names:
                names.Add((string)value);
                break;
            case List<object> entries:
                entries.Add(value);
                break;
        }
    }

    [GeneratedRegex(@"`(?<table>[a-z_][a-z0-9_]*)\.(?<column>[a-z_][a-z0-9_]*)\s*(→|->|=>)\s*(?<ref>[a-z_][a-z0-9_]*)\.(?<refcol>[a-z_][a-z0-9_]*)`", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignKey();

    [GeneratedRegex(@"ON DELETE (?<action>CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)", RegexOptions.IgnoreCase)]
    private static partial Regex OnDelete();

    [GeneratedRegex(@"`(?<name>[a-z_][a-z0-9_.]*)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"\bon\s+`(?<table>[a-z_][a-z0-9_]*)\s*(\([^)]*\))?`", RegexOptions.IgnoreCase)]
    private static partial Regex OnTable();

    [GeneratedRegex(@"\bforeign keys?\b|\breferences\b|\bFK\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignKeyWords();

    [GeneratedRegex(@"\bindex(es)?\b|\bindices\b", RegexOptions.IgnoreCase)]
    private static partial Regex IndexWords();

    [GeneratedRegex(@"\btables?\b", RegexOptions.IgnoreCase)]
    private static partial Regex TableWords();

    [GeneratedRegex(@"\b(exists?|created|present|required)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Exists();
}
