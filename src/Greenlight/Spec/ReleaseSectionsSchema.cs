using Greenlight.Checks;
using System.Text.Json.Nodes;

namespace Greenlight.Spec;

/// <summary>The JSON Schema of <c>watch:</c>, <c>rollback:</c> and <c>alerts:</c>, beside the reader that enforces them.</summary>
internal static class ReleaseSectionsSchema
{
    public static JsonObject Watch()
    {
        var properties = new JsonObject
        {
            ["every"] = Described(FieldSchemas.Duration(), "How often each watch check is measured (default 5m)."),
            ["for"] = Described(FieldSchemas.Duration(), "How long the window lasts (default 1h)."),
            ["initial_delay"] = Described(FieldSchemas.Duration(), "Wait this long before the first measurement (default 0)."),
            ["checks"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Rules of single checks by id; each overrides the defaults above.",
                ["additionalProperties"] = Rules(withFailWhen: true),
            },
            ["windows"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "Further named windows (greenlight watch --window NAME), e.g. the look at 24 hours.",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("name"),
                    ["additionalProperties"] = false,
                    ["properties"] = new JsonObject
                    {
                        ["name"] = FieldSchemas.String(),
                        ["every"] = FieldSchemas.Duration(),
                        ["for"] = FieldSchemas.Duration(),
                        ["initial_delay"] = FieldSchemas.Duration(),
                        ["only"] = FieldSchemas.StringList(),
                    },
                },
            },
        };
        foreach (var (name, schema) in (JsonObject)Rules(withFailWhen: false)["properties"]!)
        {
            properties[name] = schema?.DeepClone();
        }

        return new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["description"] = "The watch window and the rules its checks follow; see docs/watch.md.", ["properties"] = properties };
    }

    public static JsonObject Rollback() => new()
    {
        ["type"] = "array",
        ["description"] = "The way back, run in order by greenlight rollback; see docs/rollback.md.",
        ["items"] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("run"),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["name"] = FieldSchemas.String(),
                ["run"] = Described(FieldSchemas.String(), "A shell line (/bin/sh -c)."),
                ["env"] = FieldSchemas.StringMap(),
                ["cwd"] = Described(FieldSchemas.String(), "Folder, relative to the spec's (default: the spec's folder)."),
                ["timeout"] = Described(FieldSchemas.Duration(), "Default 10m; the step's processes are killed after it."),
            },
        },
    };

    public static JsonObject Alerts() => new()
    {
        ["type"] = "array",
        ["description"] = "Who is told when a check starts failing, recovers, the window ends or a rollback runs; see docs/watch.md.",
        ["items"] = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["webhook"] = Described(FieldSchemas.String(), "A URL that gets a greenlight.alert/v1 JSON object."),
                ["slack"] = Described(FieldSchemas.String(), "A Slack-compatible incoming webhook URL."),
                ["teams"] = Described(FieldSchemas.String(), "A Microsoft Teams-compatible incoming webhook URL."),
                ["command"] = Described(FieldSchemas.String(), "A shell line; the payload is in $GREENLIGHT_ALERT."),
                ["timeout"] = FieldSchemas.Duration(),
                ["retries"] = FieldSchemas.Integer(0),
                ["backoff"] = FieldSchemas.Duration(),
                ["severity"] = FieldSchemas.StringList(),
                ["events"] = FieldSchemas.StringList(),
                ["template"] = Described(FieldSchemas.String(), "The payload, with ${alert.FIELD} replaced by JSON-escaped values."),
            },
        },
    };

    private static JsonObject Rules(bool withFailWhen)
    {
        var properties = new JsonObject
        {
            ["failure_limit"] = Described(FieldSchemas.Integer(0), "Failed measurements allowed in the window (default 0)."),
            ["consecutive_failure_limit"] = Described(FieldSchemas.Integer(1), "Fail only after this many failures in a row."),
            ["consecutive_success_limit"] = Described(FieldSchemas.Integer(1), "Pass early after this many passes in a row."),
            ["inconclusive_limit"] = Described(FieldSchemas.Integer(0), "Inconclusive measurements allowed before the check is inconclusive."),
            ["consecutive_error_limit"] = Described(FieldSchemas.Integer(1), "Errors in a row before the check ends as error (default 4)."),
            ["min_samples"] = Described(FieldSchemas.Integer(0), "Conclusive measurements needed to pass (default 1)."),
            ["on_no_data"] = Described(FieldSchemas.Enum("fail", "inconclusive", "pass"), "No rows, null, NaN or an empty vector counts as this (default inconclusive)."),
            ["dry_run"] = Described(FieldSchemas.Boolean(), "Measure and record, but never decide."),
        };
        if (withFailWhen)
        {
            properties["fail_when"] = Described(FieldSchemas.StringList(), "The failure condition; when neither it nor expect holds, the measurement is inconclusive.");
        }

        return new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
    }

    private static JsonObject Described(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }
}
