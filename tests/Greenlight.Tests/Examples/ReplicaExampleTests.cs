using Greenlight.Engine;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Examples;

/// <summary>Seeds 002 and 003 reproduced with replica apps: broken is NO-GO for the seed's reasons, fixed is GO.</summary>
public class ReplicaExampleTests
{
    [Theory]
    [InlineData("wimd-deploy", new[] { "app.boots", "platform.is-the-app", "domain.routes" }, "ModuleNotFoundError: No module named 'multipart'")]
    [InlineData("pulsecheck", new[] { "api.routes", "api.startup-clean", "llm.insight", "db.migration-order" }, "admin routes not mounted")]
    public async Task Example_BrokenReplicaIsNoGo_FixedReplicaIsGo(string example, string[] failing, string crashOutput)
    {
        var broken = await RunAsync(example, "broken");
        broken.Verdict.ShouldBe(Verdict.NoGo);
        broken.Results.Where(r => r.Outcome is CheckOutcome.Fail or CheckOutcome.Error).Select(r => r.Id).Order(StringComparer.Ordinal)
            .ShouldBe(failing.Order(StringComparer.Ordinal), string.Join("\n", broken.Results.Select(r => $"{r.Id}: {r.Outcome} {r.Message}")));
        broken.Results.SelectMany(r => r.Evidence).Where(e => e.Name == "output").ShouldContain(e => e.Content.Contains(crashOutput, StringComparison.Ordinal));

        var fixedRun = await RunAsync(example, "fixed");
        fixedRun.Verdict.ShouldBe(Verdict.Go, string.Join("\n", fixedRun.Results.Select(r => $"{r.Id}: {r.Outcome} {r.Message}")));
    }

    private static async Task<RunReport> RunAsync(string example, string replica)
    {
        return await ExampleRunner.RunAsync(Path.Combine(RepositoryPaths.Examples, example, "greenlight.yaml"),
            new Dictionary<string, string> { ["REPLICA"] = replica, ["PATH"] = Environment.GetEnvironmentVariable("PATH")!, ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root" });
    }
}
