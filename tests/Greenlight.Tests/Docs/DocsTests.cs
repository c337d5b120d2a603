using System.Text.RegularExpressions;
using Greenlight.Checks;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Docs;

/// <summary>Docs cannot rot: every kind has its page, and every YAML block in docs/ and examples/ loads.</summary>
public partial class DocsTests
{
    private static readonly string[] Headings = ["## About", "## Fields and defaults", "## Subjects", "## Evidence kept", "## Outcomes", "## Example"];

    public static TheoryData<string> Kinds() => [.. CheckKindRegistry.Default.Names];

    public static TheoryData<string> YamlBlocks()
    {
        var data = new TheoryData<string>();
        var files = Directory.EnumerateFiles(RepositoryPaths.Docs, "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(RepositoryPaths.Root, "README.md"))
            .Append(Path.Combine(RepositoryPaths.Root, "bench", "README.md"));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var blocks = YamlFence().Matches(File.ReadAllText(file));
            for (var i = 0; i < blocks.Count; i++)
            {
                data.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}#{i}");
            }
        }

        return data;
    }

    public static TheoryData<string> ExampleSpecs() =>
        [.. Directory.EnumerateFiles(RepositoryPaths.Examples, "greenlight.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKind_HasItsDocsPageWithTheTemplateAndEveryField(string kind)
    {
        var page = Path.Combine(RepositoryPaths.Docs, "checks", kind + ".md");
        File.Exists(page).ShouldBeTrue($"docs/checks/{kind}.md is missing");
        var text = File.ReadAllText(page);
        foreach (var heading in Headings)
        {
            text.ShouldContain(heading);
        }

        foreach (var field in CheckKindRegistry.Default.Find(kind)!.Fields)
        {
            text.ShouldContain($"| `{field.Name}` |");
        }

        foreach (var subject in CheckKindRegistry.Default.Find(kind)!.Subjects.Subjects)
        {
            text.ShouldContain($"`{subject.Display}`");
        }
    }

    [Theory]
    [MemberData(nameof(YamlBlocks))]
    public void DocsYamlBlock_Loads(string block)
    {
        var (file, index) = (block.Split('#')[0], int.Parse(block.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture));
        var yaml = YamlFence().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)))[index].Groups[1].Value;
        if (!yaml.TrimStart().StartsWith("version:", StringComparison.Ordinal))
        {
            // A check on its own: wrap it into the smallest spec.
            yaml = "version: 1\nname: docs\ntargets: { db: \"sqlite:app.db\" }\nchecks:\n" + string.Join("\n", yaml.Split('\n').Select(l => "  " + l));
        }

        Should.NotThrow(() => SpecHarness.Load(yaml, Environment()), $"{block} does not load");
    }

    [Theory]
    [MemberData(nameof(ExampleSpecs))]
    public void ExampleSpec_Loads(string file)
    {
        var path = Path.Combine(RepositoryPaths.Root, file);
        Should.NotThrow(() => SpecLoader.LoadFile(path, new SpecLoadOptions { Environment = Environment() }));
    }

    [Fact]
    public async Task PublishedSchema_EqualsTheCommandsOutput()
    {
        var run = await CliHarness.RunAsync("spec-schema");

        File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "greenlight.schema.json")).ShouldBe(run.Stdout, "run `greenlight spec-schema --out docs/greenlight.schema.json`");
    }

    private static Dictionary<string, string> Environment() => new()
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["DEMO_API"] = "http://127.0.0.1:1",
        ["DATABASE_URL"] = "postgres://docs@127.0.0.1:1/docs",
    };

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlFence();
}
