using System.Text.RegularExpressions;
using Greenlight.Import.Rules;

namespace Greenlight.Import;

/// <summary>
/// <c>greenlight import</c>: reads a hand-written Markdown checklist or runbook (through Markdig's
/// syntax tree) and turns what can run into checks, what only a person can confirm into manual
/// checks, and the rollback plan into rollback steps, each pointing back at its line.
/// </summary>
internal static partial class ChecklistImporter
{
    public static ImportResult Import(string markdown, string documentName)
    {
        var text = Mojibake.Repair(markdown.Replace("\r\n", "\n", StringComparison.Ordinal));
        var elements = MarkdownWalker.Walk(text);
        var session = new ImportSession(documentName);
        WarnAboutSecrets(text, session);

        var section = new SectionContext();
        var itemRules = ImportRules.Items;
        var consumed = new HashSet<int>();
        var claims = new List<(ItemElement Item, ItemContext Context)>();
        var verdicts = text.Split('\n').Select((line, index) => (line, index))
            .Where(l => OwnVerdict().IsMatch(l.line) && ClaimWords().IsMatch(l.line))
            .Select(l => (ChecklistElement)new ParagraphElement(l.index + 1, l.line.Trim()))
            .ToList();
        string? title = null;
        var headingLine = 0;
        ItemElement? previousItem = null;
        string? label = null;

        for (var i = 0; i < elements.Count; i++)
        {
            switch (elements[i])
            {
                case HeadingElement heading:
                    section.Enter(heading);
                    headingLine = heading.Line;
                    title ??= heading.Level == 1 ? heading.Text : null;
                    label = null;
                    previousItem = null;
                    break;
                case ParagraphElement paragraph:
                    label = paragraph.Text;
                    break;
                case CodeElement code when !consumed.Contains(i):
                    var block = Describe(elements, i, section, consumed);
                    if (!ImportRules.CodeBlocks.Any(rule => rule.TryImport(block, session)))
                    {
                        // json, yaml, text: an example of output without a command to produce it.
                        if (code.Content.Trim().Length > 0 && block.Phase != ImportPhase.Rollback)
                        {
                            session.Skip(code.Line, code.Content, $"a {(code.Language.Length == 0 ? "plain" : code.Language)} block without a command: an example, not a check");
                        }
                    }

                    break;
                case ItemElement item:
                    var context = new ItemContext(section.Phase, section.Area, section.Innermost, headingLine, label, previousItem);
                    itemRules.Any(rule => rule.TryImport(item, context, session));
                    if (item.Mark != ClaimMark.None)
                    {
                        // Converted or not, a claim is kept for audit; a converted one is proved by its check.
                        claims.Add((item, context));
                    }

                    previousItem = item;
                    break;
            }
        }

        AddEnvCheck(session);
        var claimItems = new List<ItemElement>();
        foreach (var (item, context) in claims)
        {
            claimItems.Add(item);
            if (session.EnvLines.Contains(item.Line) || session.Checks.Any(c => c.Line == item.Line || c.Covers.Contains(item.Line)))
            {
                continue;
            }

            ImportRules.Claims.TryImport(item, context, session);
        }

        if (session.Checks.Count == 0)
        {
            throw new ImportException($"{documentName}: no checklist found (no task items, ✅ claims, queries, commands or variables to turn into checks)");
        }

        AssignIds(session.Checks);
        return new ImportResult
        {
            Name = Slug(title ?? Path.GetFileNameWithoutExtension(documentName), 60),
            DocumentName = documentName,
            Checks = [.. session.Checks.OrderBy(c => c.Line)],
            Vars = session.Vars,
            DatabaseTarget = session.DatabaseTarget,
            Rollback = session.Rollback,
            NotConverted = session.Skipped,
            Warnings = session.Warnings,
            Claims = claimItems,
            Verdicts = verdicts,
            Items = session.Items,
        };
    }

    /// <summary>A code block with its label (the paragraph above) and what the document expects of it (the paragraphs and items below).</summary>
    private static CodeContext Describe(List<ChecklistElement> elements, int index, SectionContext section, HashSet<int> consumed)
    {
        var code = (CodeElement)elements[index];
        string? label = null;
        for (var j = index - 1; j >= 0 && j >= index - 3; j--)
        {
            if (elements[j] is HeadingElement or CodeElement)
            {
                break;
            }

            var candidate = elements[j] switch
            {
                ParagraphElement p => p.Text,
                ItemElement { Mark: ClaimMark.None } item => item.Text,
                _ => null,
            };
            if (candidate is null || Expectation().IsMatch(candidate))
            {
                break;
            }

            var cleaned = candidate.Replace("**", "", StringComparison.Ordinal).Trim().TrimEnd(':').Trim();
            if (cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 || label is null)
            {
                label = cleaned;
            }

            if (cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3)
            {
                break;
            }
        }

        if (label is not null && label.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3)
        {
            label = section.Innermost is null ? label : $"{StripStep(section.Innermost)}: {label}";
        }

        var expectations = new List<string>();
        string? expectedOutput = null;
        var underExpected = false;
        for (var j = index + 1; j < elements.Count; j++)
        {
            var element = elements[j];
            if (element is HeadingElement)
            {
                break;
            }

            if (element is CodeElement next)
            {
                if (j == index + 2 && elements[j - 1] is ParagraphElement p && ExpectedOutputLabel().IsMatch(p.Text))
                {
                    expectedOutput = next.Content;
                    consumed.Add(j);
                }

                break;
            }

            if (element is ParagraphElement paragraph)
            {
                underExpected = Expectation().IsMatch(paragraph.Text);
                if (underExpected)
                {
                    if (!ExpectedOutputLabel().IsMatch(paragraph.Text))
                    {
                        expectations.Add(paragraph.Text.Replace("**", "", StringComparison.Ordinal).Trim());
                    }
                }
                else
                {
                    break;
                }
            }
            else if (element is ItemElement item && item.Mark == ClaimMark.None && (underExpected || Expectation().IsMatch(item.Text)))
            {
                expectations.Add(item.Text);
            }
            else
            {
                break;
            }
        }

        return new CodeContext(code, section.Phase, section.Area, label, section.Innermost is null ? null : StripStep(section.Innermost), expectations, expectedOutput);
    }

    private static void AddEnvCheck(ImportSession session)
    {
        if (session.RequiredEnv.Count == 0 && session.OptionalEnv.Count == 0)
        {
            return;
        }

        var line = session.RequiredEnv.Values.Concat(session.OptionalEnv.Values).Min();
        var check = new ImportedCheck
        {
            Kind = "env",
            Title = "The variables the checklist names are set",
            Line = line,
            Phase = ImportPhase.Pre,
            Area = "Config",
            Severity = "critical",
        };
        if (session.RequiredEnv.Count > 0)
        {
            check.Set("require", session.RequiredEnv.OrderBy(e => e.Value).Select(e => e.Key).ToList());
        }

        if (session.OptionalEnv.Count > 0)
        {
            check.Set("optional", session.OptionalEnv.OrderBy(e => e.Value).Select(e => e.Key).ToList());
        }

        if (session.EnvShapes.Count > 0)
        {
            check.Set("match", session.EnvShapes.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new KeyValuePair<string, object>(e.Key, e.Value)).ToList());
        }

        check.Covers.AddRange(session.EnvLines.Distinct().Where(l => l != line));
        foreach (var name in session.RequiredEnv.Keys.Concat(session.OptionalEnv.Keys))
        {
            check.Keys.Add(name);
        }

        check.Notes.Add("values are never shown: only whether each is set (and its shape)");
        session.Add(check);
    }

    private static void WarnAboutSecrets(string text, ImportSession session)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (value, what) in DocumentSecrets.Find(lines[i]))
            {
                session.Warnings.Add($"{session.Source(i + 1)}: the document holds a secret ({what}, `{DocumentSecrets.Mask(value)}`); it was not copied into the spec — rotate it if it is real");
            }
        }
    }

    private static void AssignIds(List<ImportedCheck> checks)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in checks.OrderBy(c => c.Line))
        {
            var prefix = check.Kind switch
            {
                "env" => "env",
                "sql" or "schema" => "db",
                "http" => "api",
                "file" => "backup",
                "manual" => "signoff",
                _ => check.Area == "DB" ? "db" : "cmd",
            };
            var id = $"{prefix}.{Slug(check.Title, 40)}";
            var unique = id;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{id}-{n}";
            }

            check.Id = unique;
        }
    }

    internal static string Slug(string text, int max)
    {
        var words = SlugWord().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => !StopWords.Contains(w)).ToList();
        var slug = "";
        foreach (var word in words)
        {
            var next = slug.Length == 0 ? word : slug + "-" + word;
            if (next.Length > max)
            {
                break;
            }

            slug = next;
        }

        return slug.Length == 0 ? "item" : slug;
    }

    private static string StripStep(string heading) => StepPrefix().Replace(heading, "").Trim();

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal) { "the", "a", "an", "of", "to", "is", "are", "and", "for", "in", "on", "with", "be", "it", "this", "that", "step" };

    [GeneratedRegex(@"^\s*(\*\*)?\s*(expected|expect|should|must|result)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Expectation();

    [GeneratedRegex(@"^\s*(\*\*)?\s*expected (output|result)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExpectedOutputLabel();

    [GeneratedRegex(@"\b(status|verdict|final recommendation|confidence( level)?|ready for (deployment|production)|deploy to production|risk level)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnVerdict();

    [GeneratedRegex(@"(✅|ready|complete|compliance|approved|high|low|\d+\s*%|blockers?:|deploy to production)", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimWords();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex SlugWord();

    [GeneratedRegex(@"^(step|phase|part)\s+\d+\s*[:.)-]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex StepPrefix();
}
