using Greenlight.Assertions;
using Greenlight.Spec;
using System.Text.Json.Nodes;

namespace Greenlight.Checks.Metric;

/// <summary><c>kind: metric</c>: PromQL against Prometheus's HTTP API, at the time of measurement or over a range.</summary>
internal sealed class MetricKind : ICheckKind
{
    public string Name => "metric";

    public string Summary => "Asks Prometheus (/api/v1/query, or /api/v1/query_range over a range) with PromQL and asserts on the value, per-series values, the series count and min/max/avg/last over the range.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("url", FieldSchemas.String, "Prometheus's base URL, e.g. http://127.0.0.1:9090 (may use ${…}).", Required: true),
        new("query", FieldSchemas.String, "The PromQL expression; may use ${watch.window}, ${watch.since}, ${watch.elapsed} and vars.", Required: true),
        new("range", FieldSchemas.String, "Ask /api/v1/query_range over this span ending now (a duration such as 10m, or ${watch.elapsed}); without it, an instant query."),
        new("step", FieldSchemas.Duration, "The resolution of a range query (default: the range / 60, at least 1s)."),
        new("by", FieldSchemas.String, "The label that names a series for `values.NAME` (default: the first label whose value differs between series)."),
        new("headers", FieldSchemas.StringMap, "Extra request headers (may use ${…}; values of secret-looking names are redacted)."),
        new("auth", () => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["username"] = FieldSchemas.String(), ["password"] = FieldSchemas.String(), ["bearer"] = FieldSchemas.String() }, ["additionalProperties"] = false }, "`{ username, password }` for basic auth or `{ bearer: TOKEN }`; write secrets as ${VAR}."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("value", ValueKind.Number, "A scalar, or the one series' value (its last point over a range); missing for no series, several series, NaN or ±Inf."),
        new("values", ValueKind.Number, "One series' value by the value of its `by` label: `values.search < 0.05`.", ArgumentName: "NAME"),
        new("series", ValueKind.Number, "How many series the query returned (0 for an empty vector)."),
        new("min", ValueKind.Number, "The smallest point of every series (over the range for a range query)."),
        new("max", ValueKind.Number, "The largest point of every series."),
        new("avg", ValueKind.Number, "The mean of every point of every series."),
        new("last", ValueKind.Number, "The last point of the one series (the value for an instant query)."),
        new("duration", ValueKind.Duration, "How long Prometheus took to answer."),
    ]);

    public IReadOnlyList<string> DefaultExpect => ["series >= 1"];

    public ICheck Create(YamlMapReader fields)
    {
        var url = fields.Template("url", required: true) ?? "";
        var query = fields.Template("query", required: true) ?? "";
        var range = fields.Template("range");
        if (range is not null && !range.Contains("${", StringComparison.Ordinal) && !Units.TryParseDuration(range, out _))
        {
            fields.Context.Error(fields.LocationOf("range"), $"`range`: expected a duration such as 10m or ${{watch.elapsed}}, got `{range}`");
        }

        var step = fields.Duration("step");
        var by = fields.Text("by");
        var headers = (fields.ScalarMap("headers") ?? []).Select(h => (h.Name, fields.Context.ValidateTemplate(h.Text, h.Node, fields.CheckId))).ToList();
        MetricAuth? auth = null;
        if (fields.Map("auth") is { } authMap)
        {
            var username = authMap.Template("username");
            var password = authMap.Template("password");
            var bearer = authMap.Template("bearer");
            authMap.RejectUnknown("`auth`");
            if (bearer is not null && (username is not null || password is not null))
            {
                fields.Context.Error(fields.LocationOf("auth"), "`auth`: give either `bearer` or `username` and `password`, not both");
            }
            else if (bearer is null && username is null)
            {
                fields.Context.Error(fields.LocationOf("auth"), "`auth`: expected `bearer: TOKEN` or `username` and `password`");
            }

            auth = new MetricAuth(username, password, bearer);
        }

        return new MetricCheck(url, query, range, step, by, headers, auth);
    }
}
