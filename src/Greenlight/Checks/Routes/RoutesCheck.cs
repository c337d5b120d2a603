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
        int missing = 0, broken = 0, different = 0;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var answer = answers[i];
            var verdict = answer.Verdict;
            missing += verdict == RouteVerdict.Missing ? 1 : 0;
            broken += verdict == RouteVerdict.Broken ? 1 : 0;
            table.Append($"{route.Method,-6} {route.Path,-50} {answer.Describe()}");
            if (verdict != RouteVerdict.Mounted)
            {
                findings.Add(new AssertionResult($"{route.Method} {route.Template} is mounted", false, answer.Describe(), "mounted",
                    $"{route.Method} {route.Path} {(verdict == RouteVerdict.Missing ? "is not mounted" : "is broken")}: {answer.Describe()}"));
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

        var observation = new Observation { Subjects = new RouteCounts(routes.Count, routes.Count - missing - broken, missing, broken, different) };
        observation.Findings.AddRange(findings);
        observation.Evidence.Add(new EvidenceItem("routes", table.ToString().TrimEnd()));
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
        var answers = new RouteAnswer[routes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, routes.Count), new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            answers[i] = await CallAsync(client, baseUrl, routes[i], headers, token);
        });
        return [.. answers];
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
            return new RouteAnswer((int)response.StatusCode, null);
        }
        catch (HttpRequestException ex)
        {
            return new RouteAnswer(null, HttpCheck.Describe(ex, uri));
        }
    }

    private sealed record RouteAnswer(int? Status, string? Error)
    {
        public RouteVerdict Verdict => Status switch
        {
            404 or 405 => RouteVerdict.Missing,
            null or >= 500 => RouteVerdict.Broken,
            _ => RouteVerdict.Mounted,
        };

        public string Describe() => Status is int s ? $"{s} ({Verdict switch { RouteVerdict.Missing => "not mounted", RouteVerdict.Broken => "broken", _ => "mounted" }})" : $"no answer: {Error}";
    }

    private enum RouteVerdict
    {
        Mounted,
        Missing,
        Broken,
    }

    private sealed class RouteCounts(int total, int mounted, int missing, int broken, int different) : ISubjectSource
    {
        public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
        {
            "total" => AssertionValue.FromNumber(total),
            "mounted" => AssertionValue.FromNumber(mounted),
            "missing" => AssertionValue.FromNumber(missing),
            "broken" => AssertionValue.FromNumber(broken),
            "different" => AssertionValue.FromNumber(different),
            _ => AssertionValue.Missing,
        };
    }
}
