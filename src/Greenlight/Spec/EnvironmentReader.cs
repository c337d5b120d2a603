using YamlDotNet.RepresentationModel;

namespace Greenlight.Spec;

/// <summary>
/// Reads <c>environments:</c>, one spec for every stage. An environment may set <c>vars</c> (over the
/// spec's own; <c>--var</c> still wins) and <c>targets</c> (over the spec's targets of the same name,
/// or new ones); nothing else. Every environment is checked at load; only the one chosen with
/// <c>--env</c> is expanded and applied.
/// </summary>
internal static class EnvironmentReader
{
    public static readonly IReadOnlyList<string> Fields = ["vars", "targets"];

    /// <summary>Returns the chosen environment's mapping (null when none was chosen or it is not there; the error is reported).</summary>
    public static YamlMapReader? Read(YamlMapReader root, string? chosen)
    {
        var context = root.Context;
        var section = root.Map("environments");
        YamlMapReader? selected = null;
        var names = new List<string>();
        if (section is not null)
        {
            foreach (var (key, value) in section.Node.Children)
            {
                var name = (key as YamlScalarNode)?.Value;
                if (string.IsNullOrEmpty(name) || !SpecNames.CheckId().IsMatch(name))
                {
                    context.Error(key, $"`environments`: `{name}` is not an environment name (letters, digits, `_`, `-` and `.`, starting with a letter)");
                    continue;
                }

                names.Add(name);
                if (value is not YamlMappingNode mapping)
                {
                    context.Error(value, $"`environments.{name}`: expected a mapping with `vars` and/or `targets`, got a {YamlMapReader.Describe(value)}");
                    continue;
                }

                var environment = new YamlMapReader(mapping, context);
                if (name == chosen)
                {
                    selected = environment;
                    continue;
                }

                // Not chosen: its shape is checked, its values are not expanded (they may use variables only that stage has).
                CheckShape(environment, name);
            }
        }

        if (chosen is not null && selected is null)
        {
            var where = section?.Location ?? new SourceLocation(context.File, 1, 1);
            context.Error(where, section is null
                ? $"--env {chosen}: the spec has no `environments:` section (add `environments: {{ {chosen}: {{ vars: {{ … }} }} }}`)"
                : $"--env {chosen}: no environment `{chosen}` in `environments` (the spec has {(names.Count == 0 ? "none" : string.Join(", ", names))}){Hint(chosen, names)}");
        }

        return selected;
    }

    /// <summary>The chosen environment's vars, expanded in order after the spec's own (so they may use them).</summary>
    public static void ApplyVars(YamlMapReader environment, string name)
    {
        var context = environment.Context;
        foreach (var (varName, value, node) in environment.ScalarMap("vars") ?? [])
        {
            if (!SpecNames.Variable().IsMatch(varName))
            {
                context.Error(node, $"`environments.{name}.vars`: `{varName}` is not a valid name (letters, digits and _; not starting with a digit)");
                continue;
            }

            context.Scope.SetSpecVar(varName, context.ExpandNow(value, node));
        }
    }

    /// <summary>The target names the chosen environment sets, so the spec's own value of each is not judged (its variable may be unset here).</summary>
    public static IReadOnlySet<string> TargetNames(YamlMapReader? environment) =>
        environment?.Node.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == "targets").Value is YamlMappingNode targets
            ? targets.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    public static void Finish(YamlMapReader environment, string name)
    {
        TargetReader.ReadAll(environment, $"environments.{name}.targets");
        environment.RejectUnknown($"environment `{name}`", Fields);
    }

    private static void CheckShape(YamlMapReader environment, string name)
    {
        foreach (var (varName, _, node) in environment.ScalarMap("vars") ?? [])
        {
            if (!SpecNames.Variable().IsMatch(varName))
            {
                environment.Context.Error(node, $"`environments.{name}.vars`: `{varName}` is not a valid name (letters, digits and _; not starting with a digit)");
            }
        }

        if (environment.Raw("targets") is { } targets)
        {
            if (targets is not YamlMappingNode mapping)
            {
                environment.Context.Error(targets, $"`environments.{name}.targets`: expected a mapping of names to database URLs, got a {YamlMapReader.Describe(targets)}");
            }
            else
            {
                foreach (var (key, value) in mapping.Children)
                {
                    if (value is not YamlScalarNode)
                    {
                        environment.Context.Error(value, $"`environments.{name}.targets.{(key as YamlScalarNode)?.Value}`: expected a database URL (postgres://… or sqlite:PATH), got a {YamlMapReader.Describe(value)}");
                    }
                }
            }
        }

        environment.RejectUnknown($"environment `{name}`", Fields);
    }

    private static string Hint(string chosen, List<string> names) =>
        Greenlight.Text.DidYouMean.Suggest(chosen, names) is { } hint ? $"; did you mean `{hint}`?" : "";
}
