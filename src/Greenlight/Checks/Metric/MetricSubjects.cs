using Greenlight.Assertions;

namespace Greenlight.Checks.Metric;

/// <summary>
/// What a Prometheus answer offers to assertions. No data (no series, NaN, ±Inf) is a missing
/// value with the reason, never a number: a NaN must not pass or fail a comparison by accident.
/// </summary>
internal sealed class MetricSubjects(PrometheusAnswer answer, string? by, TimeSpan duration) : ISubjectSource
{
    public AssertionValue Resolve(SubjectRef subject) => subject.Root switch
    {
        "series" => AssertionValue.FromNumber(answer.Series.Count),
        "duration" => AssertionValue.FromDuration(duration),
        "value" or "last" => Single(),
        "values" => ByLabel(subject.Argument ?? ""),
        "min" => Over(points => points.Min()),
        "max" => Over(points => points.Max()),
        "avg" => Over(points => points.Average()),
        _ => AssertionValue.Missing,
    };

    private AssertionValue Single()
    {
        if (answer.Series.Count == 0)
        {
            return AssertionValue.MissingBecause("no data: the query returned no series");
        }

        if (answer.Series.Count > 1)
        {
            return AssertionValue.MissingBecause($"the query returned {answer.Series.Count} series; aggregate it (sum, max) or use values.NAME");
        }

        return Number(answer.Series[0]);
    }

    private AssertionValue ByLabel(string name)
    {
        var label = by ?? DistinguishingLabel();
        var match = answer.Series.Where(s => label is not null ? s.Labels.GetValueOrDefault(label) == name : s.Labels.Values.Contains(name)).ToList();
        return match.Count switch
        {
            0 => AssertionValue.MissingBecause($"no data: no series has {(label ?? "a label")}=\"{name}\""),
            1 => Number(match[0]),
            _ => AssertionValue.MissingBecause($"{match.Count} series have {label ?? "a label"}=\"{name}\"; set `by:` to the label that tells them apart"),
        };
    }

    private AssertionValue Over(Func<IEnumerable<double>, double> aggregate)
    {
        var points = answer.Series.SelectMany(s => s.Points).Select(p => p.Value).ToList();
        if (points.Count == 0)
        {
            return AssertionValue.MissingBecause("no data: the query returned no series");
        }

        var finite = points.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return AssertionValue.MissingBecause($"no data: every point is {PrometheusAnswer.Format(points[0])}");
        }

        return AssertionValue.FromNumber(aggregate(finite));
    }

    private static AssertionValue Number(PrometheusSeries series)
    {
        if (series.Points.Count == 0)
        {
            return AssertionValue.MissingBecause("no data: the series has no points");
        }

        var value = series.Points[^1].Value;
        return double.IsFinite(value) ? AssertionValue.FromNumber(value) : AssertionValue.MissingBecause($"no data: the value is {PrometheusAnswer.Format(value)}");
    }

    /// <summary>The first label (by name) whose value differs between series, so values.NAME reads naturally.</summary>
    private string? DistinguishingLabel() =>
        answer.Series.SelectMany(s => s.Labels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .FirstOrDefault(k => answer.Series.Select(s => s.Labels.GetValueOrDefault(k)).Distinct(StringComparer.Ordinal).Count() > 1);
}
