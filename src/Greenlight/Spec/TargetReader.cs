using Greenlight.Databases;
using Greenlight.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>
/// Reads <c>targets:</c> and a check's <c>target:</c>, validated at load: a malformed URL, an unknown
/// scheme or an empty value written in the spec is an error at its position; a value that is empty
/// because its variable is not set makes the target unavailable, which fails only the checks that use it.
/// </summary>
internal static class TargetReader
{
    /// <summary>
    /// Reads the <c>targets</c> of <paramref name="map"/> (the spec's root, or an environment, named by
    /// <paramref name="path"/> in messages). A target in <paramref name="overriddenLater"/> is still
    /// checked, but not marked unavailable: the chosen environment gives its value.
    /// </summary>
    public static void ReadAll(YamlMapReader map, string path = "targets", IReadOnlySet<string>? overriddenLater = null)
    {
        var context = map.Context;
        var node = map.Raw("targets");
        if (node is null)
        {
            return;
        }

        if (node is not YamlMappingNode mapping)
        {
            context.Error(node, $"`{path}`: expected a mapping of names to database URLs, got a {YamlMapReader.Describe(node)}");
            return;
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (string.IsNullOrEmpty(name))
            {
                context.Error(key, "`targets`: expected a plain name");
                continue;
            }

            if (value is not YamlScalarNode scalar)
            {
                context.Error(value, $"`{path}.{name}`: expected a database URL (postgres://… or sqlite:PATH), got a {YamlMapReader.Describe(value)}");
                continue;
            }

            var (url, unavailable) = Resolve(scalar, context, $"{path}.{name}");
            if (unavailable is not null && overriddenLater?.Contains(name) != true)
            {
                context.UnavailableTargets[name] = unavailable;
                context.Warnings.Add(new SpecError(context.At(scalar), $"`{path}.{name}`: {unavailable}; the checks that use `{name}` will end as error without running"));
            }
            else if (unavailable is null)
            {
                context.UnavailableTargets.Remove(name);
            }

            context.Targets[name] = url;
        }
    }

    /// <summary>
    /// A check's <c>target</c>: a target's name or a database URL. Returns the URL, or "" when there is
    /// none (an error was reported, or the check was marked unavailable).
    /// </summary>
    public static string ReadCheckTarget(YamlMapReader fields, string key)
    {
        var context = fields.Context;
        var node = fields.Scalar(key, required: true);
        if (node is null)
        {
            return "";
        }

        var raw = node.Value ?? "";
        if (context.Targets.ContainsKey(raw) || SpecNames.CheckId().IsMatch(raw))
        {
            return Named(fields, node, key, raw);
        }

        var (url, unavailable) = Resolve(node, context, key, mayNameTarget: true);
        if (unavailable is not null)
        {
            MarkUnavailable(fields, unavailable);
            return "";
        }

        return context.Targets.ContainsKey(url) ? Named(fields, node, key, url) : url;
    }

    private static string Named(YamlMapReader fields, YamlScalarNode node, string key, string name)
    {
        var context = fields.Context;
        if (context.UnavailableTargets.TryGetValue(name, out var reason))
        {
            MarkUnavailable(fields, $"target `{name}` is not available: {reason}");
            return "";
        }

        if (context.Targets.TryGetValue(name, out var url))
        {
            return url;
        }

        var hint = DidYouMean.Suggest(name, context.Targets.Keys);
        context.Error(node, context.Targets.Count == 0
            ? $"`{key}`: `{name}` is neither a target (the spec has no `targets:`) nor a database URL (postgres://… or sqlite:PATH)"
            : $"`{key}`: no target named `{name}`{(hint is null ? "" : $"; did you mean `{hint}`?")} (targets: {string.Join(", ", context.Targets.Keys)})");
        return "";
    }

    private static void MarkUnavailable(YamlMapReader fields, string reason)
    {
        if (fields.CheckId is { } id)
        {
            fields.Context.UnavailableChecks.TryAdd(id, reason);
        }
    }

    /// <summary>Expands one URL value; returns it, or why it is unavailable; reports what is wrong with it.</summary>
    private static (string Url, string? Unavailable) Resolve(YamlScalarNode node, SpecReadContext context, string what, bool mayNameTarget = false)
    {
        var raw = node.Value ?? "";
        if (raw.Trim().Length == 0 || (node.Style == ScalarStyle.Plain && raw is "~" or "null" or "Null" or "NULL"))
        {
            context.Error(node, $"`{what}` is empty: expected a database URL such as postgres://USER@HOST:PORT/DB or sqlite:PATH");
            return ("", null);
        }

        var url = context.ExpandNow(raw, node, out var unset, reportUnset: false).Trim();
        if (url.Length == 0)
        {
            // Empty because of its variables: report the variable, and let checks that do not need it run.
            return ("", unset.Count > 0
                ? $"{string.Join(", ", unset)} {(unset.Count == 1 ? "is" : "are")} not set"
                : $"{string.Join(", ", VariableNames(raw))} {(VariableNames(raw).Count == 1 ? "is" : "are")} empty");
        }

        if (mayNameTarget && context.Targets.ContainsKey(url))
        {
            return (url, null);
        }

        if (DatabaseTarget.Problem(url) is { } problem)
        {
            context.Error(node, $"`{what}`: {problem}");
        }

        return (url, null);
    }

    private static List<string> VariableNames(string raw) =>
        [.. Interpolator.References(raw).Select(r => r.Name).Where(n => !n.Contains('.', StringComparison.Ordinal)).Distinct()];
}
