using System.Text.RegularExpressions;

namespace Greenlight.Init.Detectors;

/// <summary>
/// The routes the app serves: its OpenAPI document (<c>openapi.yaml</c>, <c>swagger.json</c> …), else the
/// routes its code declares — FastAPI <c>@app.get("/x")</c>, Flask <c>@app.route("/x", methods=[…])</c>,
/// Express <c>app.get('/x', …)</c>.
/// </summary>
internal sealed partial class RoutesDetector : IRepositoryDetector
{
    private static readonly string[] Documents = ["openapi.yaml", "openapi.yml", "openapi.json", "swagger.json", "swagger.yaml", "docs/openapi.yaml", "docs/openapi.json", "api/openapi.yaml"];

    public void Detect(InitDraft draft)
    {
        draft.OpenApi = Documents.FirstOrDefault(draft.Files.Exists);
        if (draft.OpenApi is not null)
        {
            // Only to know the paths (a ready URL, the proxy's routes); the routes check reads the document itself.
            foreach (Match match in OpenApiPath().Matches(draft.Files.Text(draft.OpenApi) ?? ""))
            {
                draft.Routes.Add($"GET {match.Groups["path"].Value}");
            }
        }
        foreach (var file in draft.Files.WithExtension(".py"))
        {
            var text = draft.Files.Text(file) ?? "";
            foreach (Match match in FastApiRoute().Matches(text))
            {
                draft.Routes.Add($"{match.Groups["method"].Value.ToUpperInvariant()} {match.Groups["path"].Value}");
            }

            foreach (Match match in FlaskRoute().Matches(text))
            {
                var methods = MethodName().Matches(match.Groups["methods"].Value).Select(m => m.Value.ToUpperInvariant()).DefaultIfEmpty("GET");
                foreach (var method in methods)
                {
                    draft.Routes.Add($"{method} {match.Groups["path"].Value}");
                }
            }
        }

        // Next.js API routes are files: pages/api/health.js → /api/health, app/api/x/route.ts → /api/x.
        foreach (var file in draft.Files.Paths.Where(p => (p.StartsWith("pages/api/", StringComparison.Ordinal) || p.StartsWith("src/pages/api/", StringComparison.Ordinal)) && !Path.GetFileName(p).StartsWith('_')))
        {
            var route = "/" + file[(file.IndexOf("api/", StringComparison.Ordinal))..file.LastIndexOf('.')];
            draft.Routes.Add($"GET {(route.EndsWith("/index", StringComparison.Ordinal) ? route[..^6] : route)}");
        }

        foreach (var file in draft.Files.WithExtension(".js", ".ts", ".mjs", ".cjs"))
        {
            foreach (Match match in ExpressRoute().Matches(draft.Files.Text(file) ?? ""))
            {
                draft.Routes.Add($"{match.Groups["method"].Value.ToUpperInvariant()} {match.Groups["path"].Value}");
            }
        }
    }

    [GeneratedRegex(@"^\s{2}[""']?(?<path>/[^""':\s]*)[""']?\s*:", RegexOptions.Multiline)]
    private static partial Regex OpenApiPath();

    [GeneratedRegex(@"@(app|router|api)\.(?<method>get|post|put|patch|delete)\(\s*['""](?<path>/[^'""]*)['""]")]
    private static partial Regex FastApiRoute();

    [GeneratedRegex(@"@(app|bp|blueprint|api)\.route\(\s*['""](?<path>/[^'""]*)['""](\s*,\s*methods\s*=\s*\[(?<methods>[^\]]*)\])?")]
    private static partial Regex FlaskRoute();

    [GeneratedRegex(@"GET|POST|PUT|PATCH|DELETE", RegexOptions.IgnoreCase)]
    private static partial Regex MethodName();

    [GeneratedRegex(@"\b(app|router|api)\.(?<method>get|post|put|patch|delete)\(\s*['""`](?<path>/[^'""`]*)['""`]")]
    private static partial Regex ExpressRoute();
}
