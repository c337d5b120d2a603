using Greenlight.Assertions;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Assertions;

public class UnitsTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    public void TryParseDuration_Valid_ReturnsMilliseconds(string text, double ms)
    {
        Units.TryParseDuration(text, out var value).ShouldBeTrue();
        value.TotalMilliseconds.ShouldBe(ms);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("5 minutes")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("")]
    public void TryParseDuration_Invalid_IsRejected(string text) => Units.TryParseDuration(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("64KiB", 65_536)]
    [InlineData("10MB", 10_000_000)]
    [InlineData("512", 512)]
    public void TryParseSize_Valid_ReturnsBytes(string text, long bytes)
    {
        Units.TryParseSize(text, out var value).ShouldBeTrue();
        value.ShouldBe(bytes);
    }
}
