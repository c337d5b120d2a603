using Greenlight.Spec;
using Greenlight.Text;

namespace Greenlight.Databases;

/// <summary>Reads a check's <c>target</c>: the name of one of the spec's targets, or a database URL.</summary>
internal static class TargetField
{
    public static string Read(YamlMapReader fields, string key = "target")
    {
        var node = fields.Scalar(key, required: true);
        if (node is null)
        {
            return "";
        }

        var text = fields.Context.ExpandNow(node.Value ?? "", node);
        if (fields.Context.Targets.TryGetValue(text, out var url))
        {
            text = url;
        }
        else if (!DatabaseTarget.LooksLikeUrl(text))
        {
            var hint = DidYouMean.Suggest(text, fields.Context.Targets.Keys);
            fields.Context.Error(node, fields.Context.Targets.Count == 0
                ? $"`{key}`: `{text}` is neither a target (the spec has no `targets:`) nor a database URL (postgres://… or sqlite:PATH)"
                : $"`{key}`: no target named `{text}`{(hint is null ? "" : $"; did you mean `{hint}`?")} (targets: {string.Join(", ", fields.Context.Targets.Keys)})");
            return "";
        }

        if (text.Length == 0)
        {
            fields.Context.Error(node, $"`{key}` is empty: is its variable set?");
        }

        return text;
    }
}
