using Greenlight.Assertions;
using Greenlight.Spec;

namespace Greenlight.Checks.Routes;

/// <summary>
/// <c>kind: routes</c>: every route of an OpenAPI document (or a list) answers something other than
/// 404 on a base URL. Seed 002's admin routes that 404 after a failed import; seed 003's proxy that
/// answered 404 on every API path.
/// </summary>
internal sealed class RoutesKind : ICheckKind
{
    public string Name => "routes";

    public string Summary => "Calls every operation of an OpenAPI 3 document (or a list of paths) on a base URL: 404/405 is not mounted, 5xx is broken, the frontend's fallback page (or HTML where JSON is declared) is not the API, anything else (401, 422 …) proves the route exists; optionally compares two bases.";

    public IReadOnlyList<FieldDoc> Fields { get; } =
    [
        new("base", FieldSchemas.String, "The base URL to call, e.g. ${boot.web.url}, https://api.example.com or the public domain behind a proxy.", Required: true),
        new("openapi", FieldSchemas.String, "An OpenAPI 3 document, JSON or YAML: a file (relative to the spec) or a URL (may use ${…})."),
        new("paths", FieldSchemas.StringList, "Routes to call besides (or instead of) the document's: `GET /api/health` or `/api/health`."),
        new("compare_base", FieldSchemas.String, "A second base URL that must answer every route alike (the proxy and the API directly)."),
        new("headers", FieldSchemas.StringMap, "Headers sent with every request (may use ${…})."),
        new("params", FieldSchemas.StringMap, "Sample values for path parameters by name; otherwise the document's examples, then a value of the type."),
        new("exclude", FieldSchemas.StringList, "Path templates not to call (e.g. /api/admin/reset)."),
        new("concurrency", () => FieldSchemas.Integer(1), "How many routes are called at once (default 8)."),
        new("accept_html", FieldSchemas.Boolean, "Count HTML answers as mounted: for routes that really are pages (default false: the frontend's fallback page, or HTML where the document declares JSON, is not the API)."),
    ];

    public SubjectCatalog Subjects { get; } = new(
    [
        new("total", ValueKind.Number, "How many routes were called."),
        new("mounted", ValueKind.Number, "Routes that answered something other than 404, 405 or 5xx."),
        new("missing", ValueKind.Number, "Routes that answered 404 or 405 (not mounted)."),
        new("broken", ValueKind.Number, "Routes that answered 5xx or did not answer."),
        new("not_api", ValueKind.Number, "Routes answered by something other than the API: the frontend's fallback page (the same page a path that cannot exist gets), or a 2xx whose content type is not the one the document declares."),
        new("different", ValueKind.Number, "Routes that answered differently on compare_base."),
    ]);

    /// <summary>Each missing, broken or different route is a finding of its own.</summary>
    public IReadOnlyList<string> DefaultExpect => [];

    public ICheck Create(YamlMapReader fields)
    {
        var context = fields.Context;
        var baseUrl = fields.Template("base", required: true) ?? "";
        var openapi = fields.Template("openapi");
        var paths = new List<(string Method, string Path)>();
        foreach (var (text, node) in fields.ScalarList("paths") ?? [])
        {
            var parts = text.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (method, path) = parts.Length == 2 ? (parts[0].ToUpperInvariant(), parts[1]) : ("GET", parts[0]);
            if (!path.StartsWith('/'))
            {
                context.Error(node, $"`paths`: `{text}` should be `METHOD /path` or `/path`");
                continue;
            }

            paths.Add((method, context.ValidateTemplate(path, node, fields.CheckId)));
        }

        if (openapi is null && paths.Count == 0)
        {
            context.Error(fields.Location, "a routes check needs `openapi` (a document) or `paths` (a list)");
        }

        return new RoutesCheck(new RoutesSettings(
            baseUrl,
            openapi,
            paths,
            fields.Template("compare_base"),
            (fields.ScalarMap("headers") ?? []).Select(h => (h.Name, context.ValidateTemplate(h.Text, h.Node, fields.CheckId))).ToList(),
            (fields.ScalarMap("params") ?? []).ToDictionary(p => p.Name, p => p.Text, StringComparer.Ordinal),
            (fields.ScalarList("exclude") ?? []).Select(e => e.Text).ToHashSet(StringComparer.Ordinal),
            fields.Integer("concurrency", 1, 256) ?? 8,
            fields.Boolean("accept_html") ?? false));
    }
}
