using System.Diagnostics;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Docs;

/// <summary>
/// The Dockerfile copies what build/publish.sh makes. No container engine runs on the project's CI
/// machine (a docker client without a daemon), so the build itself is tested only where one answers.
/// </summary>
public class DockerfileTests
{
    private static readonly string Dockerfile = Path.Combine(RepositoryPaths.Root, "Dockerfile");

    [Fact]
    public void Dockerfile_CopiesThePublishedBinary_FromWherePublishShWritesIt()
    {
        var copies = File.ReadAllLines(Dockerfile).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        copies.ShouldNotBeEmpty();
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "build", "publish.sh"));
        var cli = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Greenlight.Cli", "Greenlight.Cli.csproj"));
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"));
        foreach (var copy in copies)
        {
            var source = copy[^2];
            if (source == "dist/linux-x64/greenlight")
            {
                // Made, not committed: publish.sh's default output is dist/RID/ and the CLI's assembly is `greenlight`.
                script.ShouldContain("out=\"$root/dist\"");
                script.ShouldContain("dest=\"$out/$rid\"");
                cli.ShouldContain("<AssemblyName>greenlight</AssemblyName>");
            }
            else
            {
                File.Exists(Path.Combine(RepositoryPaths.Root, source)).ShouldBeTrue($"the Dockerfile copies {source}, which is not in the repository");
            }

            ignored.ShouldContain("!" + source, $".dockerignore keeps {source} out of the build context");
        }

        File.ReadAllLines(Dockerfile).First(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ShouldContain("chiseled");
    }

    [Fact]
    public async Task Dockerfile_Builds_WhereAContainerEngineAnswers()
    {
        if (ExampleRunner.Binary is not { } binary || !await EngineAnswersAsync())
        {
            // The COPY test above runs everywhere; building needs an engine and a published binary (test.sh's binary step).
            return;
        }

        Path.GetFullPath(binary).ShouldBe(Path.Combine(RepositoryPaths.Root, "dist", "linux-x64", "greenlight"), "the image is built from build/publish.sh's default output");
        (await RunAsync("docker", "build", "-q", "-t", "greenlight-test", RepositoryPaths.Root)).Code.ShouldBe(0);
        var version = await RunAsync("docker", "run", "--rm", "greenlight-test", "version");
        version.Code.ShouldBe(0, version.Output);
        version.Output.ShouldContain("layout:  single-file");
    }

    private static async Task<bool> EngineAnswersAsync()
    {
        try
        {
            return (await RunAsync("docker", "info")).Code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
