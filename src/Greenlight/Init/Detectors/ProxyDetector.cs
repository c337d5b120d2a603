using System.Text.Json;
using System.Text.RegularExpressions;

namespace Greenlight.Init.Detectors;

/// <summary>
/// <c>netlify.toml</c> redirects and <c>vercel.json</c> rewrites that send API paths to a backend → a
/// <c>routes</c> check on the public site: the proxy must answer the API's routes, not the frontend's
/// 404 or fallback page (seed 003's domain that 404'd on every API route).
/// </summary>
internal sealed partial class ProxyDetector : IRepositoryDetector
{
    public void Detect(InitDraft draft)
    {
        var prefixes = new List<(string From, string File)>();
        if (draft.Files.Text("netlify.toml") is { } netlify)
        {
            prefixes.AddRange(NetlifyRedirect().Matches(netlify).Where(m => m.Groups["to"].Value.StartsWith("http", StringComparison.Ordinal)).Select(m => (m.Groups["from"].Value, "netlify.toml")));
        }

        if (draft.Files.Text("vercel.json") is { } vercel)
        {
            try
            {
                using var json = JsonDocument.Parse(vercel);
                if (json.RootElement.TryGetProperty("rewrites", out var rewrites))
                {
                    prefixes.AddRange(rewrites.EnumerateArray()
                        .Where(r => r.TryGetProperty("destination", out var d) && (d.GetString() ?? "").StartsWith("http", StringComparison.Ordinal))
                        .Select(r => (r.GetProperty("source").GetString() ?? "/", "vercel.json")));
                }
            }
            catch (JsonException)
            {
            }
        }

        if (prefixes.Count == 0)
        {
            return;
        }

        var paths = new List<string>();
        foreach (var (from, _) in prefixes)
        {
            var prefix = Wildcard().Replace(from, "").TrimEnd('/');
            var routes = draft.Routes.Where(r => r.Split(' ', 2)[1].StartsWith(prefix + "/", StringComparison.Ordinal) || r.Split(' ', 2)[1] == prefix).ToList();
            paths.AddRange(routes.Count > 0 ? routes : [$"GET {(prefix.Length == 0 ? "/" : prefix + "/")}"]);
        }

        draft.Vars.Add(new("site", "${SITE_URL:?set SITE_URL to the public site (the frontend that proxies the API)}"));
        var check = draft.Add("site.proxy-routes", "routes", "the public site proxies the API's routes",
            $"{string.Join(", ", prefixes.Select(p => $"{p.File} sends {p.From}").Distinct())} to the backend: each must answer the API, not the frontend's 404", "UI", Greenlight.Import.ImportPhase.Post);
        check.Set("base", "${site}");
        check.Set("paths", paths.Distinct(StringComparer.Ordinal).ToList());
    }

    [GeneratedRegex(@"\[\[redirects\]\][^\[]*?from\s*=\s*""(?<from>[^""]+)""[^\[]*?to\s*=\s*""(?<to>[^""]+)""", RegexOptions.Singleline)]
    private static partial Regex NetlifyRedirect();

    [GeneratedRegex(@"(/\*|/:[a-z]+\*?|\(\.\*\)|/\*\*)+$")]
    private static partial Regex Wildcard();
}
