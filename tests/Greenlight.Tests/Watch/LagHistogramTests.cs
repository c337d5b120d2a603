using Greenlight.Watch;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Watch;

public sealed class LagHistogramTests
{
    [Fact]
    public void Percentile_OfAThousandLags_IsTheNearestRankInWholeMilliseconds()
    {
        var lags = new LagHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            lags.Add(TimeSpan.FromMilliseconds(ms - 0.5));
        }

        lags.Count.ShouldBe(1000);
        lags.Percentile(0.99).ShouldBe(990);
        lags.Percentile(0.5).ShouldBe(500);
    }

    [Fact]
    public void Percentile_BeyondTheBuckets_IsTheLargestLag_AndEmptyIsZero()
    {
        var lags = new LagHistogram();
        lags.Percentile(0.99).ShouldBe(0);
        lags.Add(TimeSpan.FromMinutes(5));
        lags.Add(TimeSpan.FromMilliseconds(-3));
        lags.Percentile(0.99).ShouldBe(300_000);
        lags.Percentile(0.5).ShouldBe(0);
    }
}
