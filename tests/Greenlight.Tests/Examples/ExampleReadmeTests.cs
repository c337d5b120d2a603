using System.Text.Json;
using System.Text.RegularExpressions;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Tests.Examples;

/// <summary>Issue 16 item 4: every example's README shows three ways to run it, and its snippets name the example's real spec.</summary>
public partial class ExampleReadmeTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.EnumerateDirectories(RepositoryPaths.Examples)
            .Where(d => File.Exists(Path.Combine(d, "greenlight.yaml"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleReadme_Issue16_ShowsByHandMcpAndCiWithValidSnippets(string example)
    {
        var spec = $"examples/{example}/greenlight.yaml";
        var path = Path.Combine(RepositoryPaths.Examples, example, "README.md");
        File.Exists(path).ShouldBeTrue($"examples/{example}/README.md is missing");
        var text = File.ReadAllText(path);

        foreach (var heading in new[] { "## By hand", "## From an agent, through MCP", "## In CI (GitHub Actions)" })
        {
            text.ShouldContain(heading);
        }

        text.ShouldContain($"greenlight mcp --spec {spec}");
        text.ShouldContain($"greenlight check -f {spec} --phase pre --format github");

        // The agent configuration is JSON an agent can read, starting greenlight mcp on this spec.
        var json = JsonFence().Match(text);
        json.Success.ShouldBeTrue("no ```json block");
        using (var config = JsonDocument.Parse(json.Groups[1].Value))
        {
            var server = config.RootElement.GetProperty("mcpServers").GetProperty("greenlight");
            server.GetProperty("args").EnumerateArray().Select(a => a.GetString()).Take(3).ShouldBe(["mcp", "--spec", spec]);
        }

        // The workflow step is YAML as Actions reads it, using the action on this spec with --format github.
        var yaml = new YamlStream();
        yaml.Load(new StringReader(YamlFence().Match(text).Groups[1].Value));
        var steps = (YamlSequenceNode)yaml.Documents[0].RootNode[new YamlScalarNode("steps")];
        var gate = steps.Children.OfType<YamlMappingNode>().Single(s => s.Children.ContainsKey(new YamlScalarNode("with")));
        // The action at the root of the repository that holds Greenlight (docs/ci.md: from elsewhere, your own copy).
        gate[new YamlScalarNode("uses")].ToString().ShouldBe("./");
        var inputs = (YamlMappingNode)gate[new YamlScalarNode("with")];
        inputs[new YamlScalarNode("spec")].ToString().ShouldBe(spec);
        inputs[new YamlScalarNode("format")].ToString().ShouldBe("github");
        File.Exists(Path.Combine(RepositoryPaths.Root, spec)).ShouldBeTrue();
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonFence();

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlFence();
}
