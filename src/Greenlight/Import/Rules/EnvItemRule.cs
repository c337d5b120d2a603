using System.Text.RegularExpressions;

namespace Greenlight.Import.Rules;

/// <summary>
/// A list item that names an environment variable in a section or list about variables
/// ("- ✅ `DATABASE_URL` - Verified present", "- ⚠️ `ANTHROPIC_API_KEY` - Optional", "Verify
/// `OPENAI_API_KEY` in Railway environment variables") → the env check requires it (optional when
/// the item says so); "starts with `sk-`" gives its shape. The claim on the line is then proved by the env check.
/// </summary>
internal sealed partial class EnvItemRule : IItemRule
{
    public bool TryImport(ItemElement item, ItemContext context, ImportSession session)
    {
        var names = BacktickedName().Matches(item.Text).Select(m => m.Groups["name"].Value).Where(LooksLikeVariable).Distinct().ToList();
        var aboutVariables = VariableWords().IsMatch(item.Text) || VariableWords().IsMatch(context.Label ?? "") || VariableWords().IsMatch(context.Heading ?? "");
        if (names.Count == 0)
        {
            // "Ensure it starts with `sk-`" under an item that named the variable.
            if (context.Previous is not null && ShapePhrase().Match(item.Text) is { Success: true } shape
                && BacktickedName().Match(context.Previous.Text) is { Success: true } previous && LooksLikeVariable(previous.Groups["name"].Value)
                && session.RequiredEnv.ContainsKey(previous.Groups["name"].Value))
            {
                session.EnvShapes[previous.Groups["name"].Value] = "^" + Regex.Escape(shape.Groups["prefix"].Value);
                session.EnvLines.Add(item.Line);
                return true;
            }

            return false;
        }

        if (!aboutVariables)
        {
            return false;
        }

        var optional = OptionalWord().IsMatch(item.Text) || OptionalWord().IsMatch(context.Label ?? "");
        foreach (var name in names)
        {
            session.RequireEnv(name, item.Line, optional);
            if (ShapePhrase().Match(item.Text) is { Success: true } shape)
            {
                session.EnvShapes[name] = "^" + Regex.Escape(shape.Groups["prefix"].Value);
            }
        }

        session.Items++;
        return true;
    }

    internal static bool LooksLikeVariable(string name) =>
        name.Contains('_', StringComparison.Ordinal) && name.Length >= 4 && name.ToUpperInvariant() == name && char.IsLetter(name[0]);

    [GeneratedRegex(@"`\$?\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?`")]
    private static partial Regex BacktickedName();

    [GeneratedRegex(@"\b(variables?|env\b|environment|api key|secret|token|is set|set on|present|configured|required|optional)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VariableWords();

    [GeneratedRegex(@"\b(optional|fallback|if (used|needed|available))\b", RegexOptions.IgnoreCase)]
    private static partial Regex OptionalWord();

    [GeneratedRegex(@"starts? with\s+`(?<prefix>[A-Za-z0-9_\-]+?)(\.\.\.|…)?`", RegexOptions.IgnoreCase)]
    private static partial Regex ShapePhrase();
}
