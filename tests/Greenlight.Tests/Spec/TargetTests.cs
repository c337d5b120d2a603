using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

/// <summary>Issue 8 item 13 and issue 9 item 14: targets are validated at load; an unset variable behind one fails only its checks.</summary>
public class TargetTests
{
    private static string Spec(string target) => $$"""
        version: 1
        name: t
        targets:
          db: {{target}}
        checks:
          - id: env.db
            kind: env
            require: [DATABASE_URL]
            fix: Set DATABASE_URL on the host.
          - id: db.ready
            kind: sql
            target: db
            query: select 1
            fix: Check the database.
          - id: after.db
            kind: env
            needs: [db.ready]
            require: [PATH]
          - id: post.env
            kind: env
            phase: post
            require: [PATH]
        """;

    [Theory]
    [InlineData("mysql://u:pw@db.internal/app", "unknown scheme `mysql://`", 7)]
    [InlineData("\"\"", "`targets.db` is empty", 7)]
    [InlineData("", "`targets.db` is empty", 0)]
    [InlineData("~", "`targets.db` is empty", 7)]
    [InlineData("\"postgres://\"", "is not a valid URL", 7)]
    [InlineData("\"postgres://h:notaport/db\"", "is not a valid URL", 7)]
    [InlineData("\"sqlite:\"", "names no file", 7)]
    [InlineData("app.db", "is not a database URL", 7)]
    public void Load_Issue8_MalformedTarget_IsAnErrorAtItsPosition(string target, string message, int column)
    {
        var errors = SpecHarness.LoadFails(Spec(target)).Errors;

        var error = errors.ShouldHaveSingleItem();
        error.Message.ShouldContain(message);
        error.Location.Line.ShouldBe(4);
        if (column > 0)
        {
            error.Location.Column.ShouldBe(column);
        }
    }

    [Fact]
    public void Load_Issue8_MalformedTargetFromAVariable_IsAnErrorThatDoesNotShowThePassword()
    {
        var error = SpecHarness.LoadFails(Spec("${DATABASE_URL}"), new Dictionary<string, string> { ["DATABASE_URL"] = "mysql://u:hunter22@h/db" }).Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("unknown scheme `mysql://`");
        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 4, 7));
    }

    [Fact]
    public void Load_Issue8_CheckTargetGivenAsAMalformedUrl_IsAnError()
    {
        var error = SpecHarness.LoadFails("""
            version: 1
            name: t
            checks:
              - id: q
                kind: sql
                target: "mongodb://h/db"
                query: select 1
            """).Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("`target`: unknown scheme `mongodb://`");
        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 6, 13));
    }

    [Fact]
    public void Load_Issue9_UnsetVariableBehindATarget_IsAWarningAtTheTargetsLineNamingIt()
    {
        var spec = SpecHarness.Load(Spec("${DATABASE_URL}"));

        var warning = spec.Warnings.ShouldHaveSingleItem();
        warning.Location.ShouldBe(new SourceLocation("greenlight.yaml", 4, 7));
        warning.Message.ShouldStartWith("`targets.db`: DATABASE_URL is not set");
        spec.Checks.Single(c => c.Id == "db.ready").Unavailable.ShouldBe("target `db` is not available: DATABASE_URL is not set");
        spec.Checks.Where(c => c.Id != "db.ready").ShouldAllBe(c => c.Unavailable == null);
    }

    [Fact]
    public async Task Run_Issue9_UnsetVariableBehindATarget_BlocksOnlyTheChecksThatUseIt()
    {
        var report = await SpecHarness.RunAsync(Spec("${DATABASE_URL}"));

        var db = report.Result("db.ready");
        db.Outcome.ShouldBe(CheckOutcome.Error);
        db.Message.ShouldBe("target `db` is not available: DATABASE_URL is not set");
        db.Attempts.ShouldBe(0);
        db.Fix.ShouldBe("Check the database.");
        var env = report.Result("env.db");
        env.Outcome.ShouldBe(CheckOutcome.Fail);
        env.Fix.ShouldBe("Set DATABASE_URL on the host.");
        report.Result("after.db").Outcome.ShouldBe(CheckOutcome.Skipped);
        report.Result("post.env").Outcome.ShouldBe(CheckOutcome.Pass);
    }

    [Fact]
    public async Task Check_Issue9_PhasePostWithoutDatabaseChecks_StillRuns()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("greenlight.yaml", Spec("${DATABASE_URL_UNSET_FOR_TEST}"));

        var run = await CliHarness.RunAsync("check", "-f", path, "--phase", "post", "--no-store", "--no-color");

        run.ExitCode.ShouldBe(0, run.All);
        run.All.ShouldContain("DATABASE_URL_UNSET_FOR_TEST is not set");
        run.All.ShouldContain("GO");
    }

    [Fact]
    public void Load_Issue9_UnsetVariableAsACheckTarget_MarksThatCheckUnavailable()
    {
        var spec = SpecHarness.Load("""
            version: 1
            name: t
            checks:
              - id: q
                kind: sql
                target: ${REPORTING_DB_URL}
                query: select 1
            """);

        spec.Checks[0].Unavailable.ShouldBe("REPORTING_DB_URL is not set");
    }

    [Fact]
    public void Load_Issue8_ValidTargets_Load()
    {
        var spec = SpecHarness.Load(Spec("\"postgres://app:pw@127.0.0.1:5432/app?sslmode=disable\"").Replace("  db:", "  lite: sqlite:app.db\n  db:", StringComparison.Ordinal));

        spec.Targets.Keys.ShouldBe(["lite", "db"]);
        spec.Warnings.ShouldBeEmpty();
    }
}
