using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Greenlight.Spec;

/// <summary>
/// Wraps YamlDotNet's (non-recursive) parser and stops, with a <see cref="YamlException"/> at the
/// offending mark, before the representation model is built from a document that is nested deeper
/// than <see cref="YamlLimits.MaxDepth"/>, expands past <see cref="YamlLimits.MaxExpandedNodes"/>
/// through aliases, or has an alias inside its own anchor (a cycle). One pass, linear in the text.
/// </summary>
internal sealed class LimitedYamlParser(IParser inner) : IParser
{
    private readonly Stack<Frame> _open = new();
    private readonly Dictionary<string, (long Nodes, int Height)> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);
    private long _expanded;

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the last event read ended: the position to report when the reader itself fails.</summary>
    public Mark LastMark { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        LastMark = inner.Current!.End;

        switch (inner.Current)
        {
            case MappingStart or SequenceStart:
                {
                    var node = (NodeEvent)inner.Current;
                    if (_open.Count >= YamlLimits.MaxDepth)
                    {
                        throw new YamlException(node.Start, node.End, $"nested more than {YamlLimits.MaxDepth} levels deep (lists and mappings inside each other); a spec never needs that many");
                    }

                    var anchor = node.Anchor.IsEmpty ? null : node.Anchor.Value;
                    if (anchor is not null)
                    {
                        _anchors.Remove(anchor);
                        _openAnchors.Add(anchor);
                    }

                    _open.Push(new Frame(anchor));
                    break;
                }

            case MappingEnd or SequenceEnd:
                {
                    // A finished list or mapping is one node more than its children, counted as they came.
                    var frame = _open.Pop();
                    if (frame.Anchor is not null)
                    {
                        _openAnchors.Remove(frame.Anchor);
                        _anchors[frame.Anchor] = (frame.Nodes + 1, frame.Height + 1);
                    }

                    Add(inner.Current, frame.Nodes + 1, frame.Height + 1, frame.Nodes);
                    break;
                }

            case Scalar scalar:
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchors[scalar.Anchor.Value] = (1, 0);
                }

                Add(scalar, 1, 0, 0);
                break;

            case AnchorAlias alias:
                {
                    var name = alias.Value.Value;
                    if (_openAnchors.Contains(name))
                    {
                        throw new YamlException(alias.Start, alias.End, $"alias *{name} is inside its own anchor &{name}: that makes a cycle");
                    }

                    if (_anchors.TryGetValue(name, out var size))
                    {
                        if (_open.Count + size.Height > YamlLimits.MaxDepth)
                        {
                            throw new YamlException(alias.Start, alias.End, $"alias *{name} nests the document more than {YamlLimits.MaxDepth} levels deep");
                        }

                        Add(alias, size.Nodes, size.Height, 0);
                    }

                    // An unknown anchor is left to YamlDotNet, which reports it with its position.
                    break;
                }
        }

        return true;
    }

    /// <summary>Counts a node of <paramref name="nodes"/> expanded nodes, <paramref name="alreadyCounted"/> of them seen before.</summary>
    private void Add(ParsingEvent at, long nodes, int height, long alreadyCounted)
    {
        _expanded += nodes - alreadyCounted;
        if (_expanded > YamlLimits.MaxExpandedNodes)
        {
            throw new YamlException(at.Start, at.End, $"the spec expands to more than {YamlLimits.MaxExpandedNodes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} values (aliases fanned out by anchors?); write the values out or use fewer aliases");
        }

        if (_open.TryPeek(out var parent))
        {
            parent.Nodes += nodes;
            parent.Height = Math.Max(parent.Height, height);
        }
    }

    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;
        public long Nodes { get; set; }
        public int Height { get; set; }
    }
}
