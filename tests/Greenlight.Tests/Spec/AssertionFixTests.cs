using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

/// <summary>Issue 9: `fix:` per assertion, so the fix printed belongs to the assertion that failed.</summary>
public class AssertionFixTests
{
    private const string Spec = """
        version: 1
        name: fixes
        checks:
          - id: version
            kind: command
            run: echo 'version 1.2.3 db sqlite'
            fix: Set DATABASE_URL so the app stops falling back to SQLite.
            expect:
              - { that: 'stdout contains "version 2.0.0"', fix: Deploy the commit being released. }
              - stdout contains "db postgres"
        """;

    [Fact]
    public void Load_Issue9_PerAssertionFix_IsKeptOnTheAssertion()
    {
        var check = SpecHarness.Load(Spec).Checks[0];

        check.Expect.Select(a => a.Fix).ShouldBe(["Deploy the commit being released.", null]);
    }

    [Fact]
    public async Task Run_Issue9_OnlyTheOwnFixOfTheFailedAssertion_IsPrinted()
    {
        var report = await SpecHarness.RunAsync(Spec.Replace("db postgres", "db sqlite", StringComparison.Ordinal));

        report.Result("version").Fix.ShouldBe("Deploy the commit being released.");
    }

    [Fact]
    public async Task Run_Issue9_AFailedAssertionWithoutItsOwnFix_PrintsTheChecksFix()
    {
        var report = await SpecHarness.RunAsync(Spec.Replace("version 2.0.0", "version 1.2.3", StringComparison.Ordinal));

        report.Result("version").Fix.ShouldBe("Set DATABASE_URL so the app stops falling back to SQLite.");
    }

    [Fact]
    public async Task Run_Issue9_BothFail_PrintsBothFixes()
    {
        var report = await SpecHarness.RunAsync(Spec);

        report.Result("version").Fix.ShouldBe($"Deploy the commit being released.{Environment.NewLine}Set DATABASE_URL so the app stops falling back to SQLite.");
    }

    [Fact]
    public void Load_Issue9_ExpectItemWithAnUnknownField_IsAnError()
    {
        var error = SpecHarness.LoadFails("""
            version: 1
            name: fixes
            checks:
              - id: a
                kind: command
                run: "true"
                expect:
                  - { that: exit_code == 0, fixx: nothing }
            """).Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("unknown field `fixx` in an `expect` item; did you mean `fix`?");
        error.Location.Line.ShouldBe(8);
    }

    [Fact]
    public void Load_Issue9_ExpectItemWithoutThat_IsAnError()
    {
        var error = SpecHarness.LoadFails("""
            version: 1
            name: fixes
            checks:
              - id: a
                kind: command
                run: "true"
                expect:
                  - { fix: nothing }
            """).Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("missing required field `that`");
    }
}
