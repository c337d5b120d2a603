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
            else if (source == "dist/linux-x64/libe_sqlite3.so")
            {
                // Made too: the AOT binary (publish.sh's default) loads SQLite from beside itself.
                script.ShouldContain("aot=1\n");
                copies.Select(c => string.Join(' ', c.Skip(c.Length - 2))).ShouldContain("dist/linux-x64/greenlight /usr/local/bin/greenlight");
                copy[^1].ShouldBe("/usr/local/bin/libe_sqlite3.so");
            }
            else
            {
                File.Exists(Path.Combine(RepositoryPaths.Root, source)).ShouldBeTrue($"the Dockerfile copies {source}, which is not in the repository");
            }

            ignored.ShouldContain("!" + source, $".dockerignore keeps {source} out of the build context");
        }

        File.ReadAllLines(Dockerfile).First(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ShouldContain("chiseled");
    }
}
