using Greenlight.Assertions;
using Greenlight.Reports.Html;
using Greenlight.Watch;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Reports.Html;

public class MeasurementChartTests
{
    private static Measurement At(int tick, double? value, MeasurementOutcome outcome)
    {
        var start = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).AddMinutes(tick);
        return new Measurement
        {
            CheckId = "error.rate", Tick = tick, PlannedAt = start, StartedAt = start, Outcome = outcome,
            Number = value, Value = value?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Assertions = [new AssertionResult("value < 0.05", outcome == MeasurementOutcome.Pass, value?.ToString(System.Globalization.CultureInfo.InvariantCulture), "0.05") { ExpectedValue = new ReportedValue(ValueKind.Number, Number: 0.05) }],
        };
    }

    [Fact]
    public void Svg_Window_DrawsLineLimitAndShapesByOutcome()
    {
        var svg = MeasurementChart.Svg("error.rate", [At(0, 0.01, MeasurementOutcome.Pass), At(1, 0.02, MeasurementOutcome.Pass), At(2, 0.09, MeasurementOutcome.Fail), At(3, null, MeasurementOutcome.Inconclusive)]);

        svg.ShouldContain("<polyline class=\"chart-line\" points=\"8,112 162.7,99 317.3,8\"/>");
        svg.ShouldContain("<line class=\"chart-limit\"");
        svg.Split("<circle class=\"pt-pass\"").Length.ShouldBe(3);
        svg.Split("<path class=\"pt-fail\"").Length.ShouldBe(2);
        svg.ShouldContain("4 measurements: 2 pass, 1 fail, 0 error, 1 inconclusive; min 0.01, max 0.09, last 0.09; limit 0.05");
        svg.ShouldContain("role=\"img\"");
    }

    [Fact]
    public void Svg_NoNumbers_SaysSoInsteadOfAChart()
    {
        var svg = MeasurementChart.Svg("error.rate", [At(0, null, MeasurementOutcome.Inconclusive)]);

        svg.ShouldNotContain("<svg");
        svg.ShouldContain("no numeric values to chart");
    }
}
