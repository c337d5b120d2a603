using System.Diagnostics;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Examples;

/// <summary>The README's first command: the demo ends NO-GO on its seeded defect, and GO once it is fixed.</summary>
public class DemoTests
{
    [Fact]
    public async Task Demo_WithoutTheKey_IsNoGoWithTheFix_AndWithBothKeys_IsGo()
    {
        var broken = await RunDemoAsync(new Dictionary<string, string?>());
        broken.Code.ShouldBe(1, broken.Output);
        broken.Output.ShouldContain("Verdict: NO-GO");
        broken.Output.ShouldContain("json.$.config_loaded == true  →  actual false");
        broken.Output.ShouldContain("fix: The service started without its LLM key.");

        var fixedRun = await RunDemoAsync(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-demo-0123456789", ["ANTHROPIC_API_KEY"] = "sk-ant-demo-0123456789" });
        fixedRun.Code.ShouldBe(0, fixedRun.Output);
        fixedRun.Output.ShouldContain("Verdict: GO ");
        fixedRun.Output.ShouldNotContain("sk-demo-0123456789");
    }

    private static async Task<(int Code, string Output)> RunDemoAsync(Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Examples, "demo", "run.sh"), "--no-color"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("OPENAI_API_KEY");
        start.Environment.Remove("ANTHROPIC_API_KEY");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
