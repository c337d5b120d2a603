namespace Greenlight.Checks.Metric;

/// <summary>One series of a Prometheus answer: its labels and its points (one for an instant query).</summary>
internal sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(double Time, double Value)> Points)
{
    /// <summary><c>{job="app", route="/search"}</c>, as Prometheus writes it.</summary>
    public string Describe() =>
        "{" + string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
