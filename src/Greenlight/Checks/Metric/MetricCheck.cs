using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Greenlight.Assertions;

namespace Greenlight.Checks.Metric;

internal sealed class MetricCheck(
    string url, string query, string? range, TimeSpan? step, string? by,
    IReadOnlyList<(string Name, string Value)> headers, MetricAuth? auth) : ICheck
{
    private const int SeriesShown = 50;

    public async Task<Observation> ObserveAsync(CheckRunContext context, CancellationToken cancellationToken)
    {
        var baseUrl = context.Expand(url).TrimEnd('/');
        var promql = context.Expand(query).Trim();
        var now = context.Time.GetUtcNow();
        TimeSpan? span = null;
        if (range is not null)
        {
            var text = context.Expand(range);
            if (!Units.TryParseDuration(text, out var parsed) || parsed <= TimeSpan.Zero)
            {
                return Observation.Failed($"`range` expanded to `{text}`, which is not a positive duration");
            }

            span = parsed;
        }

        var form = new List<KeyValuePair<string, string>> { new("query", promql) };
        string endpoint;
        if (span is { } s)
        {
            var resolution = step ?? TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(s.TotalSeconds / 60)));
            endpoint = "/api/v1/query_range";
            form.Add(new("start", Seconds(now - s)));
            form.Add(new("end", Seconds(now)));
            form.Add(new("step", resolution.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)));
        }
        else
        {
            endpoint = "/api/v1/query";
            form.Add(new("time", Seconds(now)));
        }

        var requestEvidence = new EvidenceItem("query", $"POST {baseUrl}{endpoint}\n{promql}" + (span is null ? $"\n-- at {now:O}" : $"\n-- from {now - span.Value:O} to {now:O}"));
        if (!Uri.TryCreate(baseUrl + endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return Observation.Failed($"`url` `{baseUrl}` is not an http(s) URL", requestEvidence);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, context.Expand(value));
        }

        if (auth is not null)
        {
            request.Headers.Authorization = auth.Bearer is not null
                ? new AuthenticationHeaderValue("Bearer", context.Expand(auth.Bearer))
                : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{context.Expand(auth.Username!)}:{context.Expand(auth.Password ?? "")}")));
        }

        var began = context.Time.GetTimestamp();
        string body;
        int status;
        try
        {
            using var response = await context.Http.Get(followRedirects: true, verifyTls: true).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return Observation.Failed($"Prometheus at {baseUrl} cannot be asked: {ex.Message}", requestEvidence);
        }

        var elapsed = context.Time.GetElapsedTime(began);
        var answer = PrometheusAnswer.Parse(status, body);
        var responseEvidence = EvidenceItem.Bounded("response", $"HTTP {status} in {Units.FormatDuration(elapsed.TotalMilliseconds)}\n{(answer.Error is null ? Describe(answer) : body)}", 64 * 1024);
        if (answer.Error is not null)
        {
            // 400 is Prometheus's answer to a malformed query, 422 to one it cannot execute.
            var why = status == 400 ? $"Prometheus rejected the query (HTTP 400, a malformed query?): {answer.Error}" : $"Prometheus answered HTTP {status}: {answer.Error}";
            return Observation.Failed(why, requestEvidence, responseEvidence);
        }

        var observation = new Observation { Subjects = new MetricSubjects(answer, by, elapsed) };
        observation.Evidence.Add(requestEvidence);
        observation.Evidence.Add(responseEvidence);
        foreach (var warning in answer.Warnings)
        {
            observation.Warnings.Add("Prometheus: " + warning);
        }

        return observation;
    }

    private static string Describe(PrometheusAnswer answer)
    {
        if (answer.Series.Count == 0)
        {
            return $"{answer.ResultType}: empty (no series)";
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{answer.ResultType}: {answer.Series.Count} series\n");
        foreach (var series in answer.Series.Take(SeriesShown))
        {
            var last = series.Points.Count == 0 ? "no points" : PrometheusAnswer.Format(series.Points[^1].Value);
            sb.Append(CultureInfo.InvariantCulture, $"{series.Describe()} {last}{(series.Points.Count > 1 ? $" ({series.Points.Count} points)" : "")}\n");
        }

        if (answer.Series.Count > SeriesShown)
        {
            sb.Append(CultureInfo.InvariantCulture, $"… {answer.Series.Count - SeriesShown} more series\n");
        }

        return sb.ToString().TrimEnd();
    }

    private static string Seconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
