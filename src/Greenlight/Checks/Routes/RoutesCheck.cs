using System.Text;
using Greenlight.Assertions;
using Greenlight.Checks.Http;

namespace Greenlight.Checks.Routes;

internal sealed class RoutesCheck(RoutesSettings settings) : ICheck
{
    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        List<RouteOperation> routes;
        try
        {
            routes = await ListRoutesAsync(context, cancellationToken);
        }
        catch (RoutesException ex)
        {
            return Observation.Failed(ex.Message);
        }

        var client = context.Http.Get(followRedirects: false, verifyTls: true);
        var headers = settings.Headers.Select(h => (h.Name, Value: context.Expand(h.Value))).ToList();
        var primary = context.Expand(settings.Base);
        var answers = await CallAllAsync(client, primary, routes, headers, cancellationToken);
        if (answers.All(a => a.Error is not null) && answers.Count > 0)
        {
            return Observation.Failed($"{primary} does not answer: {answers[0].Error}");
        }

        List<RouteAnswer>? other = null;
        string? second = null;
        if (settings.CompareBase is not null)
        {
            second = context.Expand(settings.CompareBase);
            other = await CallAllAsync(client, second, routes, headers, cancellationToken);
        }

        var findings = new List<AssertionResult>();
        var table = new StringBuilder($"{routes.Count} routes on {primary}{(second is null ? "" : $" and {second}")}\n");
        int missing = 0, broken = 0, different = 0, notApi = 0;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var answer = answers[i];
            var verdict = answer.Verdict;
            missing += verdict == RouteVerdict.Missing ? 1 : 0;
            broken += verdict == RouteVerdict.Broken ? 1 : 0;
            notApi += verdict is RouteVerdict.Fallback or RouteVerdict.NotApi ? 1 : 0;
            table.Append($"{route.Method,-6} {route.Path,-50} {answer.Describe()}");
            if (verdict != RouteVerdict.Mounted)
            {
                findings.Add(new AssertionResult($"{route.Method} {route.Template} is mounted", false, answer.Describe(), "mounted",
                    verdict switch
                    {
                        RouteVerdict.Missing => $"{route.Method} {route.Path} is not mounted: {answer.Describe()}",
                        RouteVerdict.Fallback => $"{route.Method} {route.Path} is served by the frontend's fallback page, not the API: it answers the same {answer.ContentType ?? "page"} as a path that cannot exist",
                        RouteVerdict.NotApi => $"{route.Method} {route.Path} is not answered by the API: it answered {answer.Status} {answer.ContentType}, but the document declares {string.Join(", ", route.Produces)} (accept_html: true if it really is a page)",
                        _ => $"{route.Method} {route.Path} is broken: {answer.Describe()}",
                    }));
            }

            if (other is not null)
            {
                var there = other[i];
                table.Append($" | {there.Describe()}");
                if (there.Verdict != verdict)
                {
                    different++;
                    findings.Add(new AssertionResult($"{route.Method} {route.Template} answers alike on both bases", false, $"{answer.Describe()} vs {there.Describe()}", "alike",
                        $"{route.Method} {route.Path}: {answer.Describe()} on {primary}, {there.Describe()} on {second}"));
                }
            }

            table.Append('\n');
        }

        if (findings.Count == 0)
        {
            findings.Add(new AssertionResult($"all {routes.Count} routes are mounted", true, $"{routes.Count} mounted", "all mounted"));
        }

        var observation = new Observation { Subjects = new RouteCounts(routes.Count, routes.Count - missing - broken - notApi, missing, broken, different, notApi) };
        observation.Findings.AddRange(findings);
        observation.Evidence.Add(new EvidenceItem("routes", table.ToString().TrimEnd()));
        if (answers.Count > 0 && answers[0].Fallback is { } page)
        {
            observation.Evidence.Add(new EvidenceItem("fallback", $"{primary} answers a path that cannot exist with {page.Status} {page.ContentType ?? "(no content type)"}, {page.Length} bytes: a fallback page (every route that answers the same is not the API)"));
        }
        return observation;
    }

    private async Task<List<RouteOperation>> ListRoutesAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var routes = new List<RouteOperation>();
        if (settings.OpenApi is not null)
        {
            var location = context.Expand(settings.OpenApi);
            string text;
            if (location.StartsWith("http://", StringComparison.Ordinal) || location.StartsWith("https://", StringComparison.Ordinal))
            {
                try
                {
                    text = await context.Http.Get(true, true).GetStringAsync(location, cancellationToken);
                }
                catch (HttpRequestException ex)
                {
                    throw new RoutesException(ex.StatusCode is { } code ? $"the OpenAPI document at {location} answered {(int)code}" : $"cannot fetch the OpenAPI document: {HttpCheck.Describe(ex, new Uri(location))}");
                }
            }
            else
            {
                var path = context.ResolvePath(location);
                if (!System.IO.File.Exists(path))
                {
                    throw new RoutesException($"the OpenAPI document {location} does not exist ({path})");
                }

                text = await System.IO.File.ReadAllTextAsync(path, cancellationToken);
            }

            routes.AddRange(OpenApiRoutes.Read(text, location, settings.Params));
        }

        routes.AddRange(settings.Paths.Select(p => new RouteOperation(p.Method, context.Expand(p.Path), p.Path)));
        return [.. routes.Where(r => !settings.Exclude.Contains(r.Template) && !settings.Exclude.Contains(r.Path)).DistinctBy(r => (r.Method, r.Path))];
    }

    private async Task<List<RouteAnswer>> CallAllAsync(HttpClient client, string baseUrl, List<RouteOperation> routes, List<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        // A path that cannot exist: what it gets is the host's fallback, if it has one (an SPA's index.html).
        var canary = await CallAsync(client, baseUrl, new RouteOperation("GET", $"/greenlight-no-such-route-{Guid.NewGuid():N}", "(canary)"), headers, cancellationToken);
        var fallback = !settings.AcceptHtml && canary.Status is >= 200 and < 400 ? canary : null;
        var answers = new RouteAnswer[routes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, routes.Count), new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var answer = await CallAsync(client, baseUrl, routes[i], headers, token);
            answers[i] = answer with { Fallback = fallback, Verdict = Judge(answer, routes[i], fallback) };
        });
        return [.. answers];
    }

    /// <summary>
    /// 404/405: not mounted; 5xx or no answer: broken; the fallback page again: not the API; a 2xx
    /// whose content type is not what the document declares (HTML where it declares JSON): not the API.
    /// </summary>
    private RouteVerdict Judge(RouteAnswer answer, RouteOperation route, RouteAnswer? fallback)
    {
        if (answer.Status is 404 or 405)
        {
            return RouteVerdict.Missing;
        }

        if (answer.Status is null or >= 500)
        {
            return RouteVerdict.Broken;
        }

        if (settings.AcceptHtml)
        {
            return RouteVerdict.Mounted;
        }

        if (fallback is not null && answer.Status == fallback.Status && answer.ContentType == fallback.ContentType && answer.BodyHash == fallback.BodyHash)
        {
            return RouteVerdict.Fallback;
        }

        if (answer.Status is >= 200 and < 300 && answer.ContentType is { } type && route.Produces.Count > 0 && !route.Produces.Any(p => MediaTypeMatches(p, type)))
        {
            return RouteVerdict.NotApi;
        }

        return RouteVerdict.Mounted;
    }

    private static bool MediaTypeMatches(string declared, string actual)
    {
        static bool IsJson(string t) => t == "application/json" || t.EndsWith("+json", StringComparison.Ordinal) || t == "text/json";
        declared = declared.Split(';')[0].Trim().ToLowerInvariant();
        return declared is "*/*" || declared == actual
            || (declared.EndsWith("/*", StringComparison.Ordinal) && actual.StartsWith(declared[..^1], StringComparison.Ordinal))
            || (IsJson(declared) && IsJson(actual));
    }

    private static async Task<RouteAnswer> CallAsync(HttpClient client, string baseUrl, RouteOperation route, List<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        var url = baseUrl.TrimEnd('/') + route.Path;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new RouteAnswer(null, $"`{url}` is not a URL");
        }

        using var request = new HttpRequestMessage(new HttpMethod(route.Method), uri);
        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            // An empty JSON body: enough to reach the route, which then may say 400 or 422 (mounted).
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var (hash, length) = await HashBodyAsync(response, cancellationToken);
            return new RouteAnswer((int)response.StatusCode, null)
            {
                ContentType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(),
                BodyHash = hash,
                Length = length,
            };
        }
        catch (HttpRequestException ex)
        {
            return new RouteAnswer(null, HttpCheck.Describe(ex, uri));
        }
    }

    /// <summary>A hash of the first 256 KiB of the body: enough to know the same page when it comes again.</summary>
    private static async Task<(string Hash, long Length)> HashBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        long length = 0;
        int n;
        while (length < 256 * 1024 && (n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            length += n;
        }

        return (Convert.ToHexString(hash.GetHashAndReset()), length);
    }

    private sealed record RouteAnswer(int? Status, string? Error)
    {
        public string? ContentType { get; init; }
        public string? BodyHash { get; init; }
        public long Length { get; init; }
        public RouteVerdict Verdict { get; init; } = Status switch
        {
            404 or 405 => RouteVerdict.Missing,
            null or >= 500 => RouteVerdict.Broken,
            _ => RouteVerdict.Mounted,
        };

        /// <summary>What a path that cannot exist got on the same base, when that was a page and not a 404.</summary>
        public RouteAnswer? Fallback { get; init; }

        public string Describe() => Status is int s
            ? $"{s}{(ContentType is null ? "" : " " + ContentType)} ({Verdict switch { RouteVerdict.Missing => "not mounted", RouteVerdict.Broken => "broken", RouteVerdict.Fallback => "the fallback page, not the API", RouteVerdict.NotApi => "not the declared content type: not the API", _ => "mounted" }})"
            : $"no answer: {Error}";
    }

    private enum RouteVerdict
    {
        Mounted,
        Missing,
        Broken,
        Fallback,
        NotApi,
    }

    private sealed class RouteCounts(int total, int mounted, int missing, int broken, int different, int notApi) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "total" => AssertionValue.FromNumber(total),
            "mounted" => AssertionValue.FromNumber(mounted),
            "missing" => AssertionValue.FromNumber(missing),
            "broken" => AssertionValue.FromNumber(broken),
            "different" => AssertionValue.FromNumber(different),
            "not_api" => AssertionValue.FromNumber(notApi),
            _ => AssertionValue.Missing,
        };
    }
}
