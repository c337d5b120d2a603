using System.Text.RegularExpressions;
using Greenlight.Assertions;
using Greenlight.Spec;
using Greenlight.Text;

namespace Greenlight.Checks.Env;

/// <summary><c>kind: env</c>: variables present, optional ones noted, shapes matched; values never shown.</summary>
internal sealed partial class EnvKind : ICheckKind
{
    public string Name => "env";

    public string Summary => "Environment variables are set (require), noted when optional ones are missing, and have the right shape (match); values are never shown.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("require", FieldSchemas.StringList, "Variables that must be set and not empty."),
        new("optional", FieldSchemas.StringList, "Variables that should be set; a missing one is a warning, not a failure."),
        new("match", FieldSchemas.StringMap, "A regular expression per variable that its value must match (only the shape is checked and reported)."),
    ];

    public SubjectCatalog Subjects => SubjectCatalog.Empty;

    public IReadOnlyList<string> DefaultExpect => [];

    public ICheck Create(YamlMapReader fields)
    {
        var context = fields.Context;
        var require = Names(fields, "require");
        var optional = Names(fields, "optional");
        var match = new List<(string Name, Regex Pattern)>();
        foreach (var (name, pattern, node) in fields.ScalarMap("match") ?? [])
        {
            try
            {
                match.Add((name, UserRegex.Create(context.ExpandNow(pattern, node))));
            }
            catch (ArgumentException ex)
            {
                context.Error(node, $"`match.{name}`: invalid regular expression: {ex.Message}");
            }
        }

        if (require.Count == 0 && optional.Count == 0 && match.Count == 0)
        {
            context.Error(fields.Location, "an env check needs at least one of `require`, `optional` or `match`");
        }

        return new EnvCheck(require, optional, match);
    }

    private static List<string> Names(YamlMapReader fields, string key)
    {
        var names = new List<string>();
        foreach (var (name, node) in fields.ScalarList(key) ?? [])
        {
            if (!VariableName().IsMatch(name))
            {
                fields.Context.Error(node, $"`{key}`: `{name}` is not a variable name");
                continue;
            }

            names.Add(name);
        }

        return names;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
