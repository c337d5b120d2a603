using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Greenlight.Import;

/// <summary>
/// Flattens Markdig's syntax tree into <see cref="ChecklistElement"/>s in document order: headings,
/// paragraphs, list items (with task boxes and ✅ ⏳ ❌ ⚠ marks), table rows and code blocks.
/// </summary>
internal static class MarkdownWalker
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseTaskLists().UsePipeTables().Build();

    public static List<ChecklistElement> Walk(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var elements = new List<ChecklistElement>();
        foreach (var block in document)
        {
            Visit(block, depth: -1, elements);
        }

        return elements;
    }

    private static void Visit(Block block, int depth, List<ChecklistElement> elements)
    {
        switch (block)
        {
            case HeadingBlock heading:
                elements.Add(new HeadingElement(heading.Line + 1, heading.Level, Clean(InlineText(heading.Inline))));
                break;
            case FencedCodeBlock fenced:
                elements.Add(new CodeElement(fenced.Line + 1, (fenced.Info ?? "").Trim().ToLowerInvariant(), CodeText(fenced), fenced.Line + 2));
                break;
            case Markdig.Syntax.CodeBlock code:
                elements.Add(new CodeElement(code.Line + 1, "", CodeText(code), code.Line + 1));
                break;
            case ListBlock list:
                foreach (var child in list)
                {
                    if (child is ListItemBlock item)
                    {
                        VisitItem(item, depth + 1, elements);
                    }
                }

                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>().Where(r => !r.IsHeader))
                {
                    var cells = row.OfType<TableCell>().Select(c => Clean(string.Join(" ", c.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))))).ToList();
                    var text = string.Join(" | ", cells.Where(c => c.Length > 0));
                    elements.Add(new ItemElement(row.Line + 1, StripMark(text, out var mark), mark, Math.Max(0, depth + 1)));
                }

                break;
            case ParagraphBlock paragraph:
                var paragraphText = Clean(InlineText(paragraph.Inline));
                if (depth < 0)
                {
                    elements.Add(new ParagraphElement(paragraph.Line + 1, paragraphText));
                }
                else
                {
                    elements.Add(new ItemElement(paragraph.Line + 1, StripMark(paragraphText, out var mark), mark, depth));
                }

                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Visit(child, depth, elements);
                }

                break;
        }
    }

    private static void VisitItem(ListItemBlock item, int depth, List<ChecklistElement> elements)
    {
        var first = true;
        foreach (var child in item)
        {
            if (first && child is ParagraphBlock paragraph)
            {
                first = false;
                var task = paragraph.Inline?.Descendants<TaskList>().FirstOrDefault();
                var text = Clean(InlineText(paragraph.Inline));
                var stripped = StripMark(text, out var mark);
                if (task is not null)
                {
                    // "- [x] ✅ …" and "- [ ] ⏳ …" both occur; the box decides, the emoji is dropped.
                    mark = task.Checked ? ClaimMark.Done : ClaimMark.Open;
                }

                elements.Add(new ItemElement(paragraph.Line + 1, stripped, mark, depth, task is not null));
                continue;
            }

            first = false;
            Visit(child, child is ListBlock ? depth : depth, elements);
        }
    }

    /// <summary>Removes a leading claim mark (✅ ⏳ ❌ ⚠ ☐ ☑) and says which it was.</summary>
    internal static string StripMark(string text, out ClaimMark mark)
    {
        mark = ClaimMark.None;
        var trimmed = text.TrimStart();
        foreach (var (symbol, kind) in Marks)
        {
            if (trimmed.StartsWith(symbol, StringComparison.Ordinal))
            {
                mark = kind;
                trimmed = trimmed[symbol.Length..].TrimStart('\uFE0F', ' ', '\t');
                return trimmed;
            }
        }

        return trimmed;
    }

    private static readonly (string Symbol, ClaimMark Mark)[] Marks =
    [
        ("✅", ClaimMark.Done), ("✔", ClaimMark.Done), ("☑", ClaimMark.Done), ("[x]", ClaimMark.Done), ("[X]", ClaimMark.Done),
        ("⏳", ClaimMark.Open), ("☐", ClaimMark.Open), ("[ ]", ClaimMark.Open),
        ("❌", ClaimMark.Failed), ("✗", ClaimMark.Failed),
        ("⚠", ClaimMark.Warning),
    ];

    internal static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline, text);
        return text.ToString();
    }

    private static void Append(Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append('`').Append(code.Content).Append('`');
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case TaskList:
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, text);
                }

                break;
            default:
                text.Append(inline.ToString());
                break;
        }
    }

    private static string CodeText(LeafBlock block)
    {
        var lines = block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString());
        return string.Join("\n", lines);
    }

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim();
}
