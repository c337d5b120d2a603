using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// A task item or a ✅ ⏳ ❌ ⚠ claim with nothing runnable behind it becomes a <c>manual</c> check
/// carrying its text — unless a check made from the same section proves it (it names the same
/// table, variable, index or row count), in which case that check covers its line. Task boxes are
/// <c>high</c> (a checklist's items must all be done); claims in prose are <c>medium</c>.
/// </summary>
internal sealed partial class ClaimRule : IItemRule
{
    public bool TryImport(ItemElement item, ItemContext context, ImportSession session)
    {
        if (item.Mark == ClaimMark.None || item.Text.Length < 3)
        {
            return false;
        }

        session.Items++;
        var keys = KeysOf(item.Text);
        var candidates = session.Checks.Where(c => c.Kind != "manual" && keys.Any(c.Keys.Contains)).ToList();
        // A check that asserts what the claim names proves it best; then one of the same section.
        var proof = candidates.FirstOrDefault(c => c.Expect.Any(e => keys.Any(k => e.Contains(k, StringComparison.OrdinalIgnoreCase))))
            ?? candidates.FirstOrDefault(c => c.Line > context.HeadingLine && c.Line <= item.Line) ?? candidates.FirstOrDefault();
        if (proof is not null)
        {
            proof.Covers.Add(item.Line);
            return true;
        }

        var check = new ImportedCheck
        {
            Kind = "manual",
            Title = Title(item.Text),
            Line = item.Line,
            Phase = context.Phase == ImportPhase.Rollback ? ImportPhase.Post : context.Phase,
            Area = context.Area ?? SectionContext.AreaOf(item.Text),
            Severity = item.TaskBox || item.Mark == ClaimMark.Failed ? "high" : "medium",
        };
        check.Set("prompt", item.Text);
        if (item.Mark == ClaimMark.Done)
        {
            check.Notes.Add("the document claims this done; nothing in it proves it, so a person signs for it");
        }

        session.Add(check);
        return true;
    }

    /// <summary>Identifiers in a claim that a check could prove: `code`, UPPER_SNAKE, snake_case names, "9 rows", "6 indexes".</summary>
    internal static HashSet<string> KeysOf(string text)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Identifier().Matches(text))
        {
            keys.Add(match.Value.Trim('`'));
        }

        foreach (Match match in Counted().Matches(text))
        {
            var what = match.Groups["what"].Value.ToLowerInvariant();
            keys.Add($"{match.Groups["n"].Value} {(what.StartsWith("row", StringComparison.Ordinal) ? "rows" : what.StartsWith("col", StringComparison.Ordinal) ? "columns" : "indexes")}");
        }

        return keys;
    }

    private static string Title(string text)
    {
        var plain = text.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Trim();
        return plain.Length <= 90 ? plain : plain[..87] + "…";
    }

    [GeneratedRegex(@"`[^`]+`|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[a-z][a-z0-9]*_[a-z0-9_]+\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?<n>\d+)\s+(?<what>rows?|indexes|indices|index|columns?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Counted();
}
