using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Checks.Schedule;

/// <summary>Deploy gates in time under a fake clock: no test waits for Friday.</summary>
public sealed class ScheduleCheckTests
{
    private const string Spec = """
        version: 1
        name: gates
        checks:
          - id: release.window
            kind: schedule
            severity: critical
            timezone: Europe/Paris
            not_before: "2026-12-02 09:00"
            freeze:
              - { days: [fri], from: "15:00", reason: nobody on call }
              - { days: [sat, sun] }
              - 2026-12-24
              - { from: 2026-12-30, to: 2027-01-01 }
        """;

    private static async Task<RunReport> RunAtAsync(DateTimeOffset utc, string spec = Spec) =>
        await SpecHarness.RunAsync(spec, options: new RunOptions { Time = new FakeTimeProvider(utc) });

    [Fact]
    public async Task Observe_ThursdayAfternoon_IsOpen()
    {
        // Thursday 3 December 2026, 16:00 in Paris (UTC+1).
        var report = await RunAtAsync(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero));
        report.Result("release.window").Outcome.ShouldBe(CheckOutcome.Pass);
        report.Verdict.ShouldBe(Verdict.Go);
    }

    [Fact]
    public async Task Observe_FridayAfter15InParis_FailsNamingTheWindowAndItsEnd()
    {
        // 14:30 UTC is 15:30 in Paris: frozen, through the weekend, until Monday 00:00.
        var report = await RunAtAsync(new DateTimeOffset(2026, 12, 4, 14, 30, 0, TimeSpan.Zero));
        var result = report.Result("release.window");
        result.Outcome.ShouldBe(CheckOutcome.Fail);
        report.Verdict.ShouldBe(Verdict.NoGo);
        result.Message!.ShouldContain("frozen by `every fri from 15:00 (nobody on call)` until 2026-12-07 00:00");
        result.Evidence.Single(e => e.Name == "schedule").Content.ShouldContain("now: 2026-12-04 15:30 Europe/Paris (2026-12-04T14:30:00Z)");
    }

    [Fact]
    public async Task Observe_FridayBefore15InParis_IsOpenThoughUtcHourIsTheSame()
    {
        // 13:59 UTC is 14:59 in Paris.
        var report = await RunAtAsync(new DateTimeOffset(2026, 12, 4, 13, 59, 0, TimeSpan.Zero));
        report.Result("release.window").Outcome.ShouldBe(CheckOutcome.Pass);
    }

    [Fact]
    public async Task Observe_BeforeNotBefore_Fails()
    {
        // 07:30 UTC on 2 December is 08:30 in Paris, half an hour too early.
        var report = await RunAtAsync(new DateTimeOffset(2026, 12, 2, 7, 30, 0, TimeSpan.Zero));
        var result = report.Result("release.window");
        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message.ShouldBe("not before 2026-12-02 09:00 Europe/Paris: actual 2026-12-02 08:30 Europe/Paris");
    }

    [Theory]
    [InlineData(2026, 12, 24, 10, "2026-12-24")]
    [InlineData(2026, 12, 31, 23, "2026-12-30 to 2027-01-01")]
    public async Task Observe_InADateOrSpan_Fails(int year, int month, int day, int hourUtc, string window)
    {
        var report = await RunAtAsync(new DateTimeOffset(year, month, day, hourUtc, 0, 0, TimeSpan.Zero));
        var result = report.Result("release.window");
        result.Outcome.ShouldBe(CheckOutcome.Fail);
        result.Message!.ShouldContain($"frozen by `{window}`");
    }

    [Fact]
    public async Task Observe_DayAfterADateOnlySpanEnds_IsOpen()
    {
        // The span's `to: 2027-01-01` includes that day; Saturday 2 January is a weekend, so Monday 4 January.
        var report = await RunAtAsync(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero));
        report.Result("release.window").Outcome.ShouldBe(CheckOutcome.Pass);
        var during = await RunAtAsync(new DateTimeOffset(2027, 1, 1, 22, 59, 0, TimeSpan.Zero));
        during.Result("release.window").Outcome.ShouldBe(CheckOutcome.Fail);
    }

    [Fact]
    public async Task Subjects_OpenFrozenWeekday_CanBeAsserted()
    {
        const string spec = """
            version: 1
            name: gates
            checks:
              - id: gate
                kind: schedule
                freeze: [{ days: [sat, sun] }]
                expect: [frozen == true, open == false, weekday == "sat", hour == 10]
            """;
        var report = await RunAtAsync(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero), spec);
        var result = report.Result("gate");
        result.Assertions.Where(a => a.Expression != "outside every freeze window").ShouldAllBe(a => a.Passed);
    }

    [Theory]
    [InlineData("timezone: Mars/Olympus\n    not_before: \"2026-12-02 09:00\"", "`timezone`: `Mars/Olympus` is not a time zone", 8, 15)]
    [InlineData("not_before: tomorrow", "`not_before`: expected a local time such as 2026-12-02 09:00", 8, 17)]
    [InlineData("freeze: [2026-13-01]", "`freeze`: expected a date such as 2026-12-24, got `2026-13-01`", 8, 14)]
    [InlineData("freeze: [{ days: [fry] }]", "`freeze.days`: `fry` is not a day", 8, 23)]
    [InlineData("freeze: [{ days: [fri], from: \"3pm\" }]", "`freeze.from`: in a weekly window, expected a time of day such as 15:00, got `3pm`", 8, 35)]
    [InlineData("freeze: [{ from: 2026-12-10, to: 2026-12-01 }]", "`freeze.to`: 2026-12-01 is not after `from` 2026-12-10", 8, 38)]
    [InlineData("freeze: [{ from: 2026-12-10 }]", "a freeze window needs `from` and `to`", 8, 14)]
    [InlineData("freeze: [{ days: [fri], when: x }]", "unknown field `when` in a freeze window", 8, 29)]
    [InlineData("timezone: UTC", "a schedule check needs `not_before`, `freeze` or both", 4, 5)]
    public void Load_BadGate_IsASpecErrorWithItsPosition(string fields, string message, int line, int column)
    {
        var yaml = "version: 1\nname: gates\nchecks:\n  - id: gate\n    kind: schedule\n    severity: high\n    fix: wait\n    " + fields + "\n";
        var ex = SpecHarness.LoadFails(yaml);
        var error = ex.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain(message);
        (error.Location.Line, error.Location.Column).ShouldBe((line, column));
    }
}
