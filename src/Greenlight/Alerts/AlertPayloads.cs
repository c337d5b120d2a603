using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Alerts;

/// <summary>
/// The body each channel gets: a generic JSON object (<c>greenlight.alert/v1</c>), Slack's
/// <c>{"text": …}</c>, a Teams MessageCard, or the user's template with <c>${alert.FIELD}</c>
/// replaced by JSON-escaped values. Built from already redacted values, and redacted once more.
/// </summary>
internal static class AlertPayloads
{
    /// <summary>What a template may name as <c>${alert.FIELD}</c>.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        ["event", "summary", "spec", "environment", "version", "commit", "check", "title", "severity", "value", "outcome", "limits", "message", "fix", "verdict", "at"];

    public static IReadOnlyDictionary<string, string?> Fields(AlertEvent alert, AlertContext context) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["event"] = ReleaseSectionsReader.Snake(alert.Kind),
        ["summary"] = alert.Summary,
        ["spec"] = context.Spec,
        ["environment"] = context.Environment,
        ["version"] = context.Version,
        ["commit"] = context.Commit,
        ["check"] = alert.CheckId,
        ["title"] = alert.CheckTitle,
        ["severity"] = alert.Severity?.ToString().ToLowerInvariant(),
        ["value"] = alert.Value,
        ["outcome"] = alert.Outcome,
        ["limits"] = alert.Limits,
        ["message"] = alert.Message,
        ["fix"] = alert.Fix,
        ["verdict"] = alert.Verdict is { } v ? VerdictRules.Code(v) : null,
        ["at"] = alert.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Build(AlertChannel channel, AlertEvent alert, AlertContext context)
    {
        var fields = Fields(alert, context);
        string body;
        if (channel.Template is { } template)
        {
            body = Interpolator.Expand(template, name => name.StartsWith("alert.", StringComparison.Ordinal) && fields.TryGetValue(name[6..], out var value)
                ? JsonEncodedText.Encode(value ?? "").ToString()
                : null);
        }
        else
        {
            var details = string.Join("\n", new[] { ("value", alert.Value), ("limits", alert.Limits), ("fix", alert.Fix), ("environment", context.Environment), ("version", context.Version), ("commit", context.Commit) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}: {p.Item2}"));
            var text = details.Length == 0 ? alert.Summary : alert.Summary + "\n" + details;
            JsonNode node = channel.Type switch
            {
                AlertChannelType.Slack => new JsonObject { ["text"] = text },
                AlertChannelType.Teams => new JsonObject
                {
                    ["@type"] = "MessageCard",
                    ["@context"] = "https://schema.org/extensions",
                    ["summary"] = alert.Summary,
                    ["themeColor"] = alert.Kind is AlertEventKind.CheckRecovered or AlertEventKind.RollbackSucceeded ? "2EB67D" : "E01E5A",
                    ["title"] = $"Greenlight: {ReleaseSectionsReader.Snake(alert.Kind)}",
                    ["text"] = text.Replace("\n", "<br>", StringComparison.Ordinal),
                },
                _ => Generic(fields),
            };
            body = node.ToJsonString();
        }

        return context.Redactor.Redact(body);
    }

    private static JsonObject Generic(IReadOnlyDictionary<string, string?> fields)
    {
        var json = new JsonObject { ["schema"] = "greenlight.alert/v1" };
        foreach (var (key, value) in fields)
        {
            json[key] = value;
        }

        return json;
    }

    public static string Describe(IReadOnlyDictionary<string, string?> fields) =>
        new StringBuilder().AppendJoin(", ", fields.Where(f => f.Value is not null).Select(f => f.Key)).ToString();
}
