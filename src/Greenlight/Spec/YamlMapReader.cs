using System.Globalization;
using Greenlight.Assertions;
using Greenlight.Text;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>
/// Reads one YAML mapping field by field, with a precise error for each wrong value, and remembers
/// which keys were read so that an unknown field is reported with a did-you-mean.
/// </summary>
internal sealed class YamlMapReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMapReader(YamlMappingNode node, SpecReadContext context, string? checkId = null)
    {
        Node = node;
        Context = context;
        CheckId = checkId;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode scalarKey || scalarKey.Value is null)
            {
                context.Error(key, "expected a plain field name");
                continue;
            }

            if (!_entries.TryAdd(scalarKey.Value, (scalarKey, value)))
            {
                context.Error(key, $"duplicate field `{scalarKey.Value}`");
            }
        }
    }

    public YamlMappingNode Node { get; }
    public SpecReadContext Context { get; }

    /// <summary>The check being read, so captured values it names can be validated.</summary>
    public string? CheckId { get; }

    public SourceLocation Location => Context.At(Node);

    public IEnumerable<string> Keys => _entries.Keys;

    public bool Has(string key) => _entries.ContainsKey(key);

    public SourceLocation LocationOf(string key) => _entries.TryGetValue(key, out var e) ? Context.At(e.Value) : Location;

    public YamlNode? Raw(string key)
    {
        _read.Add(key);
        return _entries.TryGetValue(key, out var e) ? e.Value : null;
    }

    /// <summary>A string fixed at load: ${…} expanded now.</summary>
    public string? Text(string key, bool required = false)
    {
        var scalar = Scalar(key, required);
        return scalar is null ? null : Context.ExpandNow(scalar.Value ?? "", scalar);
    }

    /// <summary>A string expanded while the check runs (may use captured values); validated now.</summary>
    public string? Template(string key, bool required = false)
    {
        var scalar = Scalar(key, required);
        return scalar is null ? null : Context.ValidateTemplate(scalar.Value ?? "", scalar, CheckId);
    }

    public TimeSpan? Duration(string key)
    {
        var scalar = Scalar(key);
        if (scalar is null)
        {
            return null;
        }

        var text = Context.ExpandNow(scalar.Value ?? "", scalar);
        if (Units.TryParseDuration(text, out var value))
        {
            return value;
        }

        Context.Error(scalar, $"`{key}`: expected {Units.DurationHint}, got `{text}`");
        return null;
    }

    public long? Size(string key)
    {
        var scalar = Scalar(key);
        if (scalar is null)
        {
            return null;
        }

        var text = Context.ExpandNow(scalar.Value ?? "", scalar);
        if (Units.TryParseSize(text, out var bytes))
        {
            return bytes;
        }

        Context.Error(scalar, $"`{key}`: expected a size such as 64KiB or 10MB, got `{text}`");
        return null;
    }

    public int? Integer(string key, int minimum, int maximum = int.MaxValue)
    {
        var scalar = Scalar(key);
        if (scalar is null)
        {
            return null;
        }

        var text = Context.ExpandNow(scalar.Value ?? "", scalar);
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        Context.Error(scalar, $"`{key}`: expected a whole number from {minimum}{(maximum == int.MaxValue ? " up" : $" to {maximum}")}, got `{text}`");
        return null;
    }

    public bool? Boolean(string key)
    {
        var scalar = Scalar(key);
        if (scalar is null)
        {
            return null;
        }

        var text = Context.ExpandNow(scalar.Value ?? "", scalar);
        switch (text)
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Context.Error(scalar, $"`{key}`: expected true or false, got `{text}`");
                return null;
        }
    }

    public TEnum? Enum<TEnum>(string key)
        where TEnum : struct, System.Enum
    {
        var scalar = Scalar(key);
        if (scalar is null)
        {
            return null;
        }

        var text = Context.ExpandNow(scalar.Value ?? "", scalar);
        var names = System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToList();
        if (names.Contains(text) && System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        var hint = DidYouMean.Suggest(text, names);
        Context.Error(scalar, $"`{key}`: expected one of {string.Join(", ", names)}, got `{text}`{(hint is null ? "" : $"; did you mean `{hint}`?")}");
        return null;
    }

    /// <summary>One string or a list of strings, each as (raw text, node).</summary>
    public IReadOnlyList<(string Text, YamlScalarNode Node)>? ScalarList(string key)
    {
        var node = Raw(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return [(scalar.Value ?? "", scalar)];
            case YamlSequenceNode sequence:
                {
                    var items = new List<(string, YamlScalarNode)>();
                    foreach (var item in sequence)
                    {
                        if (item is YamlScalarNode s)
                        {
                            items.Add((s.Value ?? "", s));
                        }
                        else
                        {
                            Context.Error(item, $"`{key}`: expected a list of strings; this item is a {Describe(item)}");
                        }
                    }

                    return items;
                }

            default:
                Context.Error(node, $"`{key}`: expected a string or a list of strings, got a {Describe(node)}");
                return null;
        }
    }

    /// <summary>A mapping of names to scalar values, each as (raw text, node).</summary>
    public IReadOnlyList<(string Name, string Text, YamlNode Node)>? ScalarMap(string key)
    {
        var node = Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Context.Error(node, $"`{key}`: expected a mapping of names to values, got a {Describe(node)}");
            return null;
        }

        var result = new List<(string, string, YamlNode)>();
        foreach (var (k, v) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value;
            if (name is null)
            {
                Context.Error(k, $"`{key}`: expected a plain name");
                continue;
            }

            if (v is not YamlScalarNode value)
            {
                Context.Error(v, $"`{key}.{name}`: expected a single value, got a {Describe(v)}");
                continue;
            }

            result.Add((name, value.Value ?? "", value));
        }

        return result;
    }

    public YamlMapReader? Map(string key)
    {
        var node = Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlMapReader(mapping, Context, CheckId);
        }

        Context.Error(node, $"`{key}`: expected a mapping, got a {Describe(node)}");
        return null;
    }

    public YamlScalarNode? Scalar(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Context.Error(Location, $"missing required field `{key}`");
            }

            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar;
        }

        Context.Error(node, $"`{key}`: expected a single value, got a {Describe(node)}");
        return null;
    }

    /// <summary>Reports every field that was never read, with the nearest known name.</summary>
    public void RejectUnknown(string what, IEnumerable<string>? known = null)
    {
        var candidates = (known ?? _read).ToList();
        foreach (var (name, entry) in _entries)
        {
            if (_read.Contains(name))
            {
                continue;
            }

            var hint = DidYouMean.Suggest(name, candidates);
            Context.Error(entry.Key, $"unknown field `{name}` in {what}{(hint is null ? "" : $"; did you mean `{hint}`?")} (expected {string.Join(", ", candidates.Order(StringComparer.Ordinal))})");
        }
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        YamlScalarNode => "single value",
        _ => "value",
    };
}
