using Greenlight.About;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.About;

public class BuildInfoTests
{
    [Fact]
    public async Task Version_InAGitWorkTree_PrintsVersionCommitAndTheCommitsDate()
    {
        var run = await CliHarness.RunAsync("version");

        run.ExitCode.ShouldBe(0, run.All);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        lines.Keys.ShouldBe(["version", "commit", "built", "layout", "runtime"]);
        lines["version"].ShouldMatch(@"^\d+\.\d+\.\d+");
        // The tests build from this repository's git work tree, so the stamp is there.
        lines["commit"].ShouldMatch("^[0-9a-f]{40}$");
        lines["built"].ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(the commit's date\)$");
        lines["runtime"].ShouldContain(".NET");
        run.Stdout.ShouldNotContain(RepositoryPaths.Root);
    }

    [Fact]
    public async Task DashDashVersion_AnsweredBeforeTheCommandTree_IsTheVersionPlusCommitOfVersion()
    {
        // A real process: what a script probing the binary runs.
        var run = await CliHarness.RunProcessAsync(Path.GetTempPath(), null, "--version");
        var full = await CliHarness.RunAsync("version");

        run.ExitCode.ShouldBe(0, run.All);
        run.Stderr.ShouldBeEmpty();
        var lines = full.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        run.Stdout.ShouldBe($"{lines["version"]}+{lines["commit"]}\n");
    }

    [Fact]
    public void Read_WithoutAStamp_SaysUnknownInsteadOfFailing()
    {
        var info = BuildInfo.Read(typeof(Xunit.FactAttribute).Assembly);

        info.CommitDate.ShouldBeNull();
        info.Layout.ShouldBe("framework-dependent");
        info.Describe().Single(d => d.Name == "built").Value.ShouldStartWith("unknown");
    }
}
