using System.Globalization;
using System.Text.Json;

namespace Greenlight.Checks.Metric;

/// <summary>
/// Prometheus's JSON answer: <c>{"status":"success","data":{"resultType":…,"result":…}}</c>. Every
/// sample value is a string ("0.5", "NaN", "+Inf"), parsed here with the invariant culture.
/// </summary>
internal sealed class PrometheusAnswer
{
    public string ResultType { get; private init; } = "";
    public IReadOnlyList<PrometheusSeries> Series { get; private init; } = [];
    public IReadOnlyList<string> Warnings { get; private init; } = [];

    /// <summary>Why the answer is not a result (error status, not JSON); null when it is one.</summary>
    public string? Error { get; private init; }

    public static PrometheusAnswer Parse(int status, string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new PrometheusAnswer { Error = $"not a Prometheus API answer (HTTP {status}): {Cut(body)}" };
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var statusElement))
            {
                return new PrometheusAnswer { Error = $"not a Prometheus API answer (HTTP {status}): {Cut(body)}" };
            }

            if (statusElement.GetString() != "success")
            {
                var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
                var message = root.TryGetProperty("error", out var e) ? e.GetString() : null;
                return new PrometheusAnswer { Error = $"{type}: {message}" };
            }

            var data = root.GetProperty("data");
            var resultType = data.GetProperty("resultType").GetString() ?? "";
            var result = data.GetProperty("result");
            var series = new List<PrometheusSeries>();
            switch (resultType)
            {
                case "scalar" or "string":
                    series.Add(new PrometheusSeries(new Dictionary<string, string>(), [Point(result)]));
                    break;
                case "vector":
                    foreach (var item in result.EnumerateArray())
                    {
                        series.Add(new PrometheusSeries(Labels(item), [Point(item.GetProperty("value"))]));
                    }

                    break;
                case "matrix":
                    foreach (var item in result.EnumerateArray())
                    {
                        series.Add(new PrometheusSeries(Labels(item), [.. item.GetProperty("values").EnumerateArray().Select(Point)]));
                    }

                    break;
                default:
                    return new PrometheusAnswer { Error = $"unknown resultType `{resultType}`" };
            }

            var warnings = root.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array
                ? w.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
                : [];
            return new PrometheusAnswer { ResultType = resultType, Series = series, Warnings = warnings };
        }
    }

    /// <summary>A sample as Prometheus writes it: NaN and ±Inf spelled its way.</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("G", CultureInfo.InvariantCulture);

    private static (double, double) Point(JsonElement pair)
    {
        var time = pair[0].GetDouble();
        var text = pair[1].GetString() ?? "NaN";
        var value = text switch
        {
            "NaN" => double.NaN,
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN,
        };
        return (time, value);
    }

    private static Dictionary<string, string> Labels(JsonElement item) =>
        item.TryGetProperty("metric", out var metric)
            ? metric.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
