using Greenlight.Spec;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

public class EnvironmentReaderTests
{
    private const string Spec = """
        version: 1
        name: api
        vars:
          API_BASE: http://127.0.0.1:1
          REGION: eu
        targets:
          db: "sqlite:base.db"
        environments:
          staging:
            vars:
              API_BASE: http://staging.internal:8080
              WHERE: "${REGION}-staging"
            targets:
              db: "sqlite:staging.db"
          production:
            vars:
              API_BASE: "${PROD_API_BASE}"
        checks:
          - id: api.health
            kind: http
            request: GET ${API_BASE}/health
          - id: db.up
            kind: sql
            target: db
            query: SELECT 1
        """;

    private static SpecDocument Load(string yaml, string? environment, Dictionary<string, string>? cliVars = null) =>
        SpecLoader.Load(yaml, "greenlight.yaml", Path.GetTempPath(), new SpecLoadOptions
        {
            Environment = new Dictionary<string, string>(),
            CliVariables = cliVars ?? [],
            EnvironmentName = environment,
        });

    private static SpecException LoadFails(string yaml, string? environment)
    {
        var ex = Should.Throw<SpecException>(() => Load(yaml, environment));
        return ex;
    }

    [Fact]
    public void Load_Env_AppliesItsVarsAndTargetsOverTheSpecs()
    {
        var spec = Load(Spec, "staging");

        spec.Environment.ShouldBe("staging");
        spec.Variables.Lookup("API_BASE").ShouldBe("http://staging.internal:8080");
        spec.Variables.Lookup("WHERE").ShouldBe("eu-staging");
        spec.Variables.Lookup("REGION").ShouldBe("eu");
        spec.Targets["db"].ShouldBe("sqlite:staging.db");
    }

    [Fact]
    public void Load_NoEnv_IsTheSpecAsWrittenAndOtherEnvironmentsAreNotExpanded()
    {
        // production uses ${PROD_API_BASE}, which is not set: only a chosen environment is expanded.
        var spec = Load(Spec, null);

        spec.Environment.ShouldBeNull();
        spec.Variables.Lookup("API_BASE").ShouldBe("http://127.0.0.1:1");
        spec.Targets["db"].ShouldBe("sqlite:base.db");
    }

    [Fact]
    public void Load_CliVar_StillWinsOverTheEnvironment()
    {
        var spec = Load(Spec, "staging", new Dictionary<string, string> { ["API_BASE"] = "http://cli" });

        spec.Variables.Lookup("API_BASE").ShouldBe("http://cli");
    }

    [Fact]
    public void Load_UnknownEnvironment_ErrorAtTheSectionWithTheNamesAndAHint()
    {
        var error = LoadFails(Spec, "stagng").Errors.ShouldHaveSingleItem();

        error.Location.Line.ShouldBe(9);
        error.Location.Column.ShouldBe(3);
        error.Message.ShouldBe("--env stagng: no environment `stagng` in `environments` (the spec has staging, production); did you mean `staging`?");
    }

    [Fact]
    public void Load_EnvWithoutEnvironmentsSection_ErrorSaysHowToAddOne()
    {
        var yaml = "version: 1\nname: api\nchecks:\n  - id: a\n    kind: command\n    run: \"true\"\n";

        var error = LoadFails(yaml, "staging").Errors.ShouldHaveSingleItem();

        error.Location.Line.ShouldBe(1);
        error.Message.ShouldStartWith("--env staging: the spec has no `environments:` section");
    }

    [Fact]
    public void Load_UnknownFieldInAnyEnvironment_ErrorWithLineAndColumn()
    {
        var yaml = Spec.Replace("      API_BASE: \"${PROD_API_BASE}\"", "      API_BASE: \"${PROD_API_BASE}\"\n    checks: []", StringComparison.Ordinal);

        // Checked whichever environment is chosen, and with none.
        foreach (var chosen in new[] { null, "staging" })
        {
            var error = LoadFails(yaml, chosen).Errors.ShouldHaveSingleItem();
            error.Location.Line.ShouldBe(18);
            error.Location.Column.ShouldBe(5);
            error.Message.ShouldStartWith("unknown field `checks` in environment `production`");
            error.Message.ShouldContain("(expected targets, vars)");
        }
    }

    [Fact]
    public void Load_ChosenEnvironmentUsesAnUnsetVariable_ErrorAtItsLine()
    {
        // An unset ${NAME} is a warning at its line, as in the spec's own vars (or an error where the value must not be empty).
        IReadOnlyList<SpecError> said;
        try
        {
            said = Load(Spec, "production").Warnings;
        }
        catch (SpecException ex)
        {
            said = ex.Errors;
        }

        said.ShouldContain(e => e.Location.Line == 17 && e.Message.Contains("PROD_API_BASE", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadVariableNameInAnEnvironment_Error()
    {
        var yaml = Spec.Replace("WHERE:", "9WHERE:", StringComparison.Ordinal);

        var error = LoadFails(yaml, null).Errors.ShouldHaveSingleItem();

        error.Location.Line.ShouldBe(12);
        error.Message.ShouldContain("`environments.staging.vars`: `9WHERE` is not a valid name");
    }

    [Fact]
    public void Load_EnvironmentThatIsNotAMapping_Error()
    {
        var yaml = Spec.Replace("  production:\n    vars:\n      API_BASE: \"${PROD_API_BASE}\"", "  production: yes", StringComparison.Ordinal);

        var error = LoadFails(yaml, null).Errors.ShouldHaveSingleItem();

        error.Location.Line.ShouldBe(15);
        error.Message.ShouldBe("`environments.production`: expected a mapping with `vars` and/or `targets`, got a single value");
    }

    [Fact]
    public void Load_ChosenEnvironmentTargetMalformed_ErrorNamesTheEnvironment()
    {
        var yaml = Spec.Replace("db: \"sqlite:staging.db\"", "db: \"mysql://x\"", StringComparison.Ordinal);

        var error = LoadFails(yaml, "staging").Errors.ShouldHaveSingleItem();

        error.Location.Line.ShouldBe(14);
        error.Message.ShouldContain("environments.staging.targets.db");
    }

    [Fact]
    public void Load_EnvironmentSetsATargetWhoseSpecValueIsUnset_NoUnavailableWarning()
    {
        var yaml = Spec.Replace("db: \"sqlite:base.db\"", "db: \"${DATABASE_URL}\"", StringComparison.Ordinal);

        var staging = Load(yaml, "staging");
        var plain = Load(yaml, null);

        staging.UnavailableTargets.ShouldBeEmpty();
        staging.Warnings.ShouldBeEmpty();
        plain.UnavailableTargets.Keys.ShouldBe(["db"]);
    }
}
