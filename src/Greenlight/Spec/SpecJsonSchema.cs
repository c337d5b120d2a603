using Greenlight.Checks;
using System.Text.Json.Nodes;

namespace Greenlight.Spec;

/// <summary>
/// The JSON Schema of a spec, built from the same field lists the loader enforces, so editors
/// autocomplete and flag exactly what <c>greenlight validate</c> would.
/// </summary>
internal static class SpecJsonSchema
{
    public static JsonObject Build(CheckKindRegistry registry)
    {
        var checkSchemas = new JsonArray();
        foreach (var kind in registry.Kinds.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            var properties = CommonProperties();
            properties["kind"] = new JsonObject { ["const"] = kind.Name, ["description"] = kind.Summary };
            foreach (var field in kind.Fields)
            {
                var schema = field.Schema();
                schema["description"] ??= field.Description;
                properties[field.Name] = schema;
            }

            checkSchemas.Add((JsonNode)new JsonObject
            {
                ["title"] = $"{kind.Name} check",
                ["description"] = kind.Summary,
                ["type"] = "object",
                ["required"] = FieldSchemas.Strings(new[] { "id", "kind" }.Concat(kind.Fields.Where(f => f.Required).Select(f => f.Name))),
                ["properties"] = properties,
                ["additionalProperties"] = false,
            });
        }

        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Greenlight spec",
            ["description"] = "A deployment checklist as checks that run; see docs/spec.md.",
            ["type"] = "object",
            ["required"] = new JsonArray("version", "name", "checks"),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["version"] = new JsonObject { ["enum"] = new JsonArray(1, "1"), ["description"] = "The spec format version: 1." },
                ["name"] = new JsonObject { ["type"] = "string", ["description"] = "The service or release this spec checks." },
                ["vars"] = Described(FieldSchemas.StringMap(), "Named values for ${NAME}; each may use the environment and the vars above it."),
                ["targets"] = Described(FieldSchemas.StringMap(), "Named connections, e.g. db: ${DATABASE_URL}."),
                ["secrets"] = new JsonObject { ["type"] = "array", ["items"] = FieldSchemas.String(), ["description"] = "More variable names whose values are redacted everywhere." },
                ["environments"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "One spec for every stage: `--env NAME` applies that environment's vars and targets over the spec's own.",
                    ["propertyNames"] = new JsonObject { ["pattern"] = "^[A-Za-z][A-Za-z0-9_.\\-]*$" },
                    ["additionalProperties"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["additionalProperties"] = false,
                        ["properties"] = new JsonObject
                        {
                            ["vars"] = Described(FieldSchemas.StringMap(), "Values over the spec's vars (--var still wins)."),
                            ["targets"] = Described(FieldSchemas.StringMap(), "Targets over the spec's targets of the same name, or new ones."),
                        },
                    },
                },
                ["checks"] = new JsonObject
                {
                    ["type"] = "array",
                    ["minItems"] = 1,
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("id", "kind"),
                        ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["enum"] = FieldSchemas.Strings(registry.Names.Order(StringComparer.Ordinal)) } },
                        ["oneOf"] = checkSchemas,
                    },
                },
                ["watch"] = ReleaseSectionsSchema.Watch(),
                ["rollback"] = ReleaseSectionsSchema.Rollback(),
                ["alerts"] = ReleaseSectionsSchema.Alerts(),
            },
        };
    }

    private static JsonObject CommonProperties() => new()
    {
        ["id"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z][A-Za-z0-9_.\\-]*$", ["description"] = "Unique name of the check, e.g. api.health." },
        ["title"] = Described(FieldSchemas.String(), "What the check proves, in words."),
        ["phase"] = Described(FieldSchemas.Enum("pre", "post", "watch"), "When it runs: pre (default), post or watch."),
        ["severity"] = Described(FieldSchemas.Enum("critical", "high", "medium", "low"), "critical and high block the release (default high); medium warns; low is a note."),
        ["area"] = Described(FieldSchemas.String(), "A free label such as DB, API, LLM or UI."),
        ["needs"] = Described(FieldSchemas.StringList(), "Checks that must pass first; if one does not, this one is skipped."),
        ["timeout"] = Described(FieldSchemas.Duration(), "Per attempt (default 30s)."),
        ["retry"] = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["description"] = "Try again when the check errors (or, with on: [error, fail], fails).",
            ["properties"] = new JsonObject
            {
                ["attempts"] = FieldSchemas.Integer(1),
                ["delay"] = FieldSchemas.Duration(),
                ["backoff"] = FieldSchemas.Enum("constant", "linear", "exponential"),
                ["max_delay"] = FieldSchemas.Duration(),
                ["on"] = Described(new JsonObject { ["type"] = "array", ["items"] = FieldSchemas.Enum("error", "fail") }, "Which outcomes are retried: [error] by default; [error, fail] retries failed expectations too."),
            },
        },
        ["expect"] = Described(ExpectSchema(), "Assertions, one per item: subject operator value (all must hold); an item may be { that: ASSERTION, fix: TEXT }."),
        ["capture"] = Described(FieldSchemas.StringMap(), "Values later checks use as ${this-check-id.name}: name → subject."),
        ["fix"] = Described(FieldSchemas.String(), "What to do when it fails; printed with the failure."),
        ["source"] = Described(FieldSchemas.String(), "Where the check came from in the team's own document (CHECKLIST.md:42), written by greenlight import; shown in every report."),
    };

    private static JsonObject ExpectSchema()
    {
        var item = new JsonObject
        {
            ["anyOf"] = new JsonArray(
                FieldSchemas.String(),
                new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("that"),
                    ["additionalProperties"] = false,
                    ["properties"] = new JsonObject
                    {
                        ["that"] = Described(FieldSchemas.String(), "The assertion: subject operator value."),
                        ["fix"] = Described(FieldSchemas.String(), "What to do when this assertion fails; printed instead of the check's fix."),
                    },
                }),
        };
        return new JsonObject { ["anyOf"] = new JsonArray(FieldSchemas.String(), new JsonObject { ["type"] = "array", ["items"] = item }) };
    }

    private static JsonObject Described(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }
}
