using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

/// <summary>Issue 8 item 8: a spec error never prints a secret value, whichever source the secret came from.</summary>
public class SpecErrorSecretsTests
{
    private const string DotEnvKey = "sk-live-dotenv-4b1f9e";
    private const string EnvToken = "tok-environment-77c3a1";
    private const string CliSecret = "cli-secret-0d9e55";
    private const string VarKey = "var-api-key-2f8c10";
    private const string Declared = "declared-value-93aa04";
    private const string UrlPassword = "urlpw-6e21bb";

    private static string Spec(string field) => $$"""
        version: 1
        name: secrets
        secrets: [PLAIN_NAME]
        vars:
          service_api_key: {{VarKey}}
        targets:
          db: postgres://app:{{UrlPassword}}@127.0.0.1:1/app
        checks:
          - id: a
            kind: env
            require: [PATH]
            timeout: {{field}}
        """;

    [Theory]
    [InlineData("validate", "${MY_API_KEY}", DotEnvKey)]
    [InlineData("check", "${MY_API_KEY}", DotEnvKey)]
    [InlineData("validate", "${service_api_key}", VarKey)]
    [InlineData("validate", "${PLAIN_NAME}", Declared)]
    [InlineData("check", "${CLI_TOKEN}", CliSecret)]
    [InlineData("validate", "${DB_URL}", UrlPassword)]
    public async Task SpecError_Issue8_SecretQuotedInTheError_IsMasked(string command, string field, string secret)
    {
        using var dir = new TempDirectory();
        dir.Write(".env", $"MY_API_KEY={DotEnvKey}\nPLAIN_NAME={Declared}\nDB_URL=postgres://app:{UrlPassword}@127.0.0.1:1/app\n");
        var path = dir.Write("greenlight.yaml", Spec(field));

        string[] args = [command, "-f", path, "--no-color", "--var", $"CLI_TOKEN={CliSecret}", .. command == "check" ? new[] { "--no-store" } : []];
        var run = await CliHarness.RunAsync(args);

        run.ExitCode.ShouldBe(2, run.All);
        run.All.ShouldContain("expected a duration");
        run.All.ShouldContain("***");
        run.All.ShouldNotContain(secret);
    }

    [Fact]
    public async Task SpecError_Issue8_SecretFromTheProcessEnvironment_IsMaskedByTheRealProcess()
    {
        using var dir = new TempDirectory();
        dir.Write("greenlight.yaml", Spec("${DEPLOY_TOKEN}"));

        var run = await CliHarness.RunProcessAsync(dir.Path, new Dictionary<string, string> { ["DEPLOY_TOKEN"] = EnvToken }, "validate", "--no-color");

        run.ExitCode.ShouldBe(2, run.All);
        run.All.ShouldContain("got `***`");
        run.All.ShouldNotContain(EnvToken);
    }

    [Fact]
    public void SpecException_Issue8_RedactorKnowsEverySource()
    {
        using var dir = new TempDirectory();
        dir.Write(".env", $"MY_API_KEY={DotEnvKey}\n");
        var exception = Should.Throw<SpecException>(() => SpecLoader.Load(Spec("nope"), "greenlight.yaml", dir.Path, new SpecLoadOptions
        {
            Environment = new Dictionary<string, string> { ["DEPLOY_TOKEN"] = EnvToken, ["PLAIN_NAME"] = Declared },
            CliVariables = new Dictionary<string, string> { ["CLI_TOKEN"] = CliSecret },
        }));

        var everything = string.Join(" ", DotEnvKey, EnvToken, CliSecret, VarKey, Declared, UrlPassword);
        exception.Redactor.Redact(everything).ShouldBe("*** *** *** *** *** ***");
    }

    [Fact]
    public void SpecDocument_Issue8_HasTheSameRedactorTheRunUses()
    {
        var spec = SpecHarness.Load(Spec("5s"), new Dictionary<string, string> { ["DEPLOY_TOKEN"] = EnvToken });

        new Greenlight.Engine.RunEngine(spec, new Greenlight.Engine.RunOptions()).Redactor.ShouldBeSameAs(spec.Redactor);
        spec.Redactor.Redact($"{EnvToken} {VarKey} {UrlPassword}").ShouldBe("*** *** ***");
    }
}
