using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

public class SpecLoaderTests
{
    private static SpecError Single(string yaml) => SpecHarness.LoadFails(yaml).Errors.ShouldHaveSingleItem();

    [Fact]
    public void Load_ValidSpec_ReadsCommonFields()
    {
        var spec = SpecHarness.Load("""
            version: 1
            name: mosaic-api
            checks:
              - id: env.keys
                kind: env
                require: [PATH]
              - id: api.health
                title: Health answers
                kind: http
                phase: post
                severity: critical
                area: API
                needs: [env.keys]
                timeout: 5s
                retry: { attempts: 10, delay: 3s, backoff: exponential }
                request: GET http://127.0.0.1:1/health
                expect: [status == 200]
                fix: Restart it.
            """);

        spec.Name.ShouldBe("mosaic-api");
        var check = spec.Checks[1];
        check.Phase.ShouldBe(Phase.Post);
        check.Severity.ShouldBe(Severity.Critical);
        check.Needs.ShouldBe(["env.keys"]);
        check.Timeout.ShouldBe(TimeSpan.FromSeconds(5));
        check.Retry.ShouldBe(new RetrySettings(10, TimeSpan.FromSeconds(3), BackoffKind.Exponential, null));
        check.Fix.ShouldBe("Restart it.");
    }

    [Fact]
    public void Load_UnknownKind_SuggestsTheNearest()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - id: a
                kind: htpp
                request: GET http://x/
            """);

        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 5, 11));
        error.Message.ShouldContain("unknown kind `htpp`; did you mean `http`?");
    }

    [Fact]
    public void Load_UnknownField_SuggestsTheNearest()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - id: a
                kind: http
                request: GET http://x/
                expct: [status == 200]
            """);

        error.Location.Line.ShouldBe(7);
        error.Location.Column.ShouldBe(5);
        error.Message.ShouldContain("unknown field `expct` in a http check; did you mean `expect`?");
    }

    [Fact]
    public void Load_DuplicateId_NamesTheFirstLine()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - { id: a, kind: env, require: [X] }
              - { id: a, kind: env, require: [Y] }
            """);

        error.Location.Line.ShouldBe(5);
        error.Message.ShouldBe("duplicate check id `a` (first defined at line 4)");
    }

    [Fact]
    public void Load_NeedsUnknownCheck_PointsAtTheName()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - { id: env.keys, kind: env, require: [X] }
              - { id: b, kind: env, require: [Y], needs: [env.key] }
            """);

        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 5, 47));
        error.Message.ShouldContain("no check has id `env.key`; did you mean `env.keys`?");
    }

    [Fact]
    public void Load_CycleInNeeds_ShowsTheCycle()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - { id: a, kind: env, require: [X], needs: [c] }
              - { id: b, kind: env, require: [X], needs: [a] }
              - { id: c, kind: env, require: [X], needs: [b] }
            """);

        error.Message.ShouldBe("`needs` form a cycle: a → c → b → a");
    }

    [Fact]
    public void Load_MalformedAssertion_PointsAtTheCharacter()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - id: a
                kind: http
                request: GET http://x/
                expect:
                  - status == 2OO
            """);

        // "- status == 2OO": the value starts at column 19 of line 8.
        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 8, 19));
        error.Message.ShouldContain("`2OO` is not a value: `OO` is not a unit");
    }

    [Fact]
    public void Load_QuotedAssertion_ColumnAllowsForTheQuote()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - id: a
                kind: http
                request: GET http://x/
                expect: ['body contains ok']
            """);

        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 7, 29));
        error.Message.ShouldContain("quote text");
    }

    [Fact]
    public void Load_BadDuration_SaysWhatWasExpected()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - { id: a, kind: env, require: [X], timeout: 5 minutes }
            """);

        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 4, 48));
        error.Message.ShouldBe("`timeout`: expected a duration such as 500ms, 30s, 5m, 1h or 1d, got `5 minutes`");
    }

    [Fact]
    public void Load_MalformedYaml_ReportsWhereTheParserStopped()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - id: a
                kind: env
               require: [X]
            """);

        error.Location.Line.ShouldBe(6);
        error.Message.ShouldStartWith("invalid YAML");
    }

    [Fact]
    public void Load_WrongTypes_AreEachReported()
    {
        var errors = SpecHarness.LoadFails("""
            version: 2
            name: x
            checks:
              - id: a
                kind: http
                request: GET http://x/
                samples: many
                follow_redirects: maybe
                severity: urgent
              - just a string
            """).Errors;

        errors.Select(e => e.Message).ShouldBe(
        [
            "`version`: expected 1, got `2`",
            "`samples`: expected a whole number from 1 to 10000, got `many`",
            "`follow_redirects`: expected true or false, got `maybe`",
            "`severity`: expected one of low, medium, high, critical, got `urgent`",
            "a check must be a mapping with `id` and `kind`, got a single value",
        ]);
    }

    [Fact]
    public void Load_TypeMismatchInAssertion_IsALoadError()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - id: a
                kind: http
                request: GET http://x/
                expect: [duration < 500]
            """);

        error.Message.ShouldContain("`duration` is a duration but `500` is a number");
    }

    [Fact]
    public void Load_CaptureFromACheckNotNeeded_IsRejected()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - id: login
                kind: http
                request: POST http://x/login
                capture: { token: json.$.token }
              - id: me
                kind: http
                request:
                  url: http://x/me
                  headers: { Authorization: "Bearer ${login.token}" }
            """);

        error.Message.ShouldContain("check `me` must list `login` under `needs`");
    }

    [Fact]
    public void Load_CaptureNotDeclared_IsRejected()
    {
        var error = Single("""
            version: 1
            name: x
            checks:
              - { id: login, kind: http, request: POST http://x/login }
              - { id: me, kind: http, request: "GET http://x/${login.token}", needs: [login] }
            """);

        error.Message.ShouldContain("check `login` captures no `token`");
    }

    [Fact]
    public void Load_RequiredVariableMissing_UsesTheMessage()
    {
        var error = SpecHarness.LoadFails("""
            version: 1
            name: x
            vars:
              api: ${API_BASE:?set API_BASE to the service URL}
            checks:
              - { id: a, kind: env, require: [X] }
            """, new Dictionary<string, string>()).Errors.ShouldHaveSingleItem();

        error.Location.ShouldBe(new SourceLocation("greenlight.yaml", 4, 8));
        error.Message.ShouldBe("required variable API_BASE is missing a value: set API_BASE to the service URL");
    }

    [Fact]
    public void Load_MissingFile_IsASpecError()
    {
        var ex = Should.Throw<SpecException>(() => SpecLoader.LoadFile("/nonexistent/greenlight.yaml", new SpecLoadOptions()));

        ex.Errors.ShouldHaveSingleItem().Message.ShouldContain("no such file");
    }

    [Fact]
    public void Load_EmptyFile_SaysWhatIsExpected()
    {
        Single("").Message.ShouldContain("the spec is empty");
    }

    [Fact]
    public void Load_NoExpect_UsesTheKindsDefault()
    {
        var spec = SpecHarness.Load("""
            version: 1
            name: x
            checks:
              - { id: a, kind: command, run: "true" }
            """);

        spec.Checks[0].Expect.ShouldHaveSingleItem().Text.ShouldBe("exit_code == 0");
    }

    [Fact]
    public void Load_UnsetVariable_IsAWarningNotAnError()
    {
        var spec = SpecHarness.Load("""
            version: 1
            name: ${NAME}
            checks:
              - { id: a, kind: env, require: [X] }
            """, new Dictionary<string, string>());

        spec.Warnings.ShouldHaveSingleItem().Message.ShouldContain("NAME is not set; using an empty string");
    }
}
