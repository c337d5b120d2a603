using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

public class VariableScopeTests
{
    [Fact]
    public void Lookup_Precedence_IsVarThenSpecThenEnvironmentThenDotEnv()
    {
        using var dir = new TempDirectory();
        dir.Write(".env", "FROM_DOTENV=dotenv\nBOTH=dotenv\nALL=dotenv\n");
        var yaml = """
            version: 1
            name: x
            vars:
              ALL: spec
              derived: ${BOTH}-${FROM_DOTENV}
            checks:
              - { id: a, kind: env, require: [X] }
            """;
        var spec = Greenlight.Spec.SpecLoader.Load(yaml, "greenlight.yaml", dir.Path, new Greenlight.Spec.SpecLoadOptions
        {
            Environment = new Dictionary<string, string> { ["BOTH"] = "environment", ["ALL"] = "environment" },
            CliVariables = new Dictionary<string, string> { ["ALL"] = "cli" },
        });

        spec.Variables.Lookup("ALL").ShouldBe("cli");
        spec.Variables.Lookup("derived").ShouldBe("environment-dotenv");
        spec.Variables.LookupEnvironment("FROM_DOTENV").ShouldBe("dotenv");
        spec.Variables.SourceOf("FROM_DOTENV").ShouldBe(".env");
    }

    [Fact]
    public void Load_MalformedDotEnv_IsASpecError()
    {
        using var dir = new TempDirectory();
        dir.Write(".env", "GOOD=1\nBAD LINE WITHOUT EQUALS\n");
        var ex = Should.Throw<Greenlight.Spec.SpecException>(() => Greenlight.Spec.SpecLoader.Load(
            "version: 1\nname: x\nchecks:\n  - { id: a, kind: env, require: [X] }\n", "greenlight.yaml", dir.Path,
            new Greenlight.Spec.SpecLoadOptions { Environment = new Dictionary<string, string>() }));

        ex.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("cannot parse the env file");
    }
}
