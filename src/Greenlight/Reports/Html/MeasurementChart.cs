using System.Globalization;
using System.Text;
using Greenlight.Watch;

namespace Greenlight.Reports.Html;

/// <summary>
/// A watch check's measurements as a small inline SVG: the value per tick as a line, each point
/// shaped by its outcome (circle pass, cross fail, square error or inconclusive), and the limit of
/// the first assertion as a dashed line. The same numbers are written as text beside it.
/// </summary>
internal static class MeasurementChart
{
    private const double Width = 480, Height = 120, Pad = 8;

    public static string Svg(string checkId, IReadOnlyList<Measurement> measurements)
    {
        var points = measurements.Where(m => m.Number is { } n && double.IsFinite(n)).ToList();
        var limit = measurements.SelectMany(m => m.Assertions.Take(1)).Select(a => a.ExpectedValue?.Number).FirstOrDefault(n => n is { } v && double.IsFinite(v));
        var summary = Summary(measurements, limit);
        if (points.Count == 0)
        {
            return $"<p class=\"chart-none\">{HtmlText.Encode(summary)}</p>";
        }

        var values = points.Select(p => p.Number!.Value).ToList();
        if (limit is { } l)
        {
            values.Add(l);
        }

        var (low, high) = (values.Min(), values.Max());
        if (high - low < 1e-9)
        {
            (low, high) = (low - 1, high + 1);
        }

        var lastTick = Math.Max(1, measurements.Max(m => m.Tick));
        string X(int tick) => F(Pad + (Width - 2 * Pad) * tick / lastTick);
        string Y(double v) => F(Height - Pad - (Height - 2 * Pad) * (v - low) / (high - low));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {F(Width)} {F(Height)}\" width=\"{F(Width)}\" height=\"{F(Height)}\" role=\"img\" aria-label=\"{HtmlText.Encode($"{checkId}: {summary}")}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{HtmlText.Encode($"{checkId}: {summary}")}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-frame\" x=\"0.5\" y=\"0.5\" width=\"{F(Width - 1)}\" height=\"{F(Height - 1)}\"/>");
        if (limit is { } line)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-limit\" x1=\"{F(Pad)}\" x2=\"{F(Width - Pad)}\" y1=\"{Y(line)}\" y2=\"{Y(line)}\"/>");
        }

        svg.Append("<polyline class=\"chart-line\" points=\"");
        svg.Append(string.Join(' ', points.Select(p => $"{X(p.Tick)},{Y(p.Number!.Value)}")));
        svg.Append("\"/>");
        foreach (var p in points)
        {
            var (x, y) = (X(p.Tick), Y(p.Number!.Value));
            svg.Append(p.Outcome switch
            {
                MeasurementOutcome.Pass => $"<circle class=\"pt-pass\" cx=\"{x}\" cy=\"{y}\" r=\"3\"/>",
                MeasurementOutcome.Fail => $"<path class=\"pt-fail\" d=\"M{x} {y}m-4 -4l8 8m0 -8l-8 8\"/>",
                _ => $"<rect class=\"pt-other\" x=\"{x}\" y=\"{y}\" width=\"6\" height=\"6\" transform=\"translate(-3 -3)\"/>",
            });
        }

        svg.Append("</svg>");
        return svg + $"<p class=\"chart-text\">{HtmlText.Encode(summary)}</p>";
    }

    private static string Summary(IReadOnlyList<Measurement> measurements, double? limit)
    {
        var numbers = measurements.Where(m => m.Number is { } n && double.IsFinite(n)).Select(m => m.Number!.Value).ToList();
        string Count(MeasurementOutcome o) => measurements.Count(m => m.Outcome == o).ToString(CultureInfo.InvariantCulture);
        var text = $"{measurements.Count.ToString(CultureInfo.InvariantCulture)} measurements: {Count(MeasurementOutcome.Pass)} pass, {Count(MeasurementOutcome.Fail)} fail, {Count(MeasurementOutcome.Error)} error, {Count(MeasurementOutcome.Inconclusive)} inconclusive";
        if (numbers.Count > 0)
        {
            text += $"; min {G(numbers.Min())}, max {G(numbers.Max())}, last {measurements.LastOrDefault(m => m.Value is not null)?.Value ?? G(numbers[^1])}";
        }

        if (limit is { } l)
        {
            text += $"; limit {G(l)}";
        }

        return numbers.Count == 0 ? text + "; no numeric values to chart" : text;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string G(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
