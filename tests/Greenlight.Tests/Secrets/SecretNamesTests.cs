using Greenlight.Secrets;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Secrets;

/// <summary>Issue 9 item 13: the secret-name rule does not mask the working directory or other known non-secrets.</summary>
public class SecretNamesTests
{
    [Theory]
    [InlineData("PWD")]
    [InlineData("OLDPWD")]
    [InlineData("XDG_SESSION_ID")]
    [InlineData("DBUS_SESSION_BUS_ADDRESS")]
    public void LooksSecret_Issue9_KnownNonSecret_IsNot(string name) => SecretNames.LooksSecret(name).ShouldBeFalse();

    [Theory]
    [InlineData("DB_PWD")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("SESSION_SECRET")]
    [InlineData("GITHUB_TOKEN")]
    public void LooksSecret_Issue9_SecretNamesStillAre(string name) => SecretNames.LooksSecret(name).ShouldBeTrue();

    [Fact]
    public async Task Run_Issue9_APathUnderTheWorkingDirectory_IsShown()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["PWD"] = dir.Path,
            ["OLDPWD"] = Path.GetDirectoryName(dir.Path)!,
        };

        var report = await SpecHarness.RunAsync("""
            version: 1
            name: pwd
            checks:
              - id: where
                kind: command
                run: pwd
                expect: [stdout contains "nowhere"]
            """, environment, directory: dir.Path);

        var result = report.Result("where");
        result.Message.ShouldNotBeNull().ShouldContain(dir.Path);
        string.Join("\n", result.Evidence.Select(e => e.Content)).ShouldContain(dir.Path);
        result.Message.ShouldNotContain(Redactor.Mask);
    }

    [Fact]
    public void Redactor_Issue9_DeclaringPwdASecret_StillMasksIt()
    {
        var spec = SpecHarness.Load("version: 1\nname: x\nsecrets: [PWD]\nchecks:\n  - id: a\n    kind: env\n    require: [PATH]\n", new Dictionary<string, string> { ["PWD"] = "/srv/secret-place" });

        spec.Redactor.Redact("/srv/secret-place/app").ShouldBe("***/app");
    }
}
