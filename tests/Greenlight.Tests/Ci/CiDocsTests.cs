using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Cli;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Tests.Ci;

/// <summary>
/// docs/ci.md cannot rot: each GitHub workflow is valid against SchemaStore's workflow schema (the npm
/// action-validator), each GitLab job is YAML with the reports GitLab reads, and every greenlight
/// command line in the page parses with the real command line.
/// </summary>
public partial class CiDocsTests
{
    private static string Page => File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "ci.md"));

    private static List<string> Blocks(string info) =>
        [.. Regex.Matches(Page, $"```{Regex.Escape(info)}\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task GitHubWorkflows_ValidAgainstTheWorkflowSchema()
    {
        var blocks = Blocks("yaml github-workflow");
        blocks.Count.ShouldBe(2);
        var cli = Path.Combine(NodeTools.Require("@action-validator/cli"), "cli.mjs");
        using var dir = new TempDirectory();
        for (var i = 0; i < blocks.Count; i++)
        {
            var file = dir.Write($"workflow-{i}.yml", blocks[i]);
            var (exit, stdout, stderr) = await NodeTools.RunAsync(cli, dir.Path, file);
            exit.ShouldBe(0, $"workflow {i} of docs/ci.md: {stdout}{stderr}");
        }
    }

    [Fact]
    public void GitLabJob_ReadsJUnitAndCodeQualityReports()
    {
        var block = Blocks("yaml gitlab-ci").ShouldHaveSingleItem();
        var stream = new YamlStream();
        stream.Load(new StringReader(block));
        var job = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["greenlight"];
        var reports = (YamlMappingNode)((YamlMappingNode)job["artifacts"])["reports"];

        ((YamlScalarNode)reports["junit"]).Value.ShouldBe("greenlight-junit.xml");
        ((YamlScalarNode)reports["codequality"]).Value.ShouldBe("gl-code-quality.json");
        ((YamlScalarNode)((YamlMappingNode)job["artifacts"])["when"]).Value.ShouldBe("always");
        block.ShouldContain("--format junit --out greenlight-junit.xml");
        block.ShouldContain("--format gitlab-codequality --out gl-code-quality.json");
    }

    [Fact]
    public void EveryGreenlightCommandLine_ParsesWithTheRealCommandLine()
    {
        var lines = GreenlightLine().Matches(Page).Select(m => m.Groups[1].Value).ToList();
        lines.Count.ShouldBeGreaterThan(8);
        foreach (var line in lines)
        {
            var args = Words(line);
            var parse = GreenlightCli.Build(TextWriter.Null, TextWriter.Null).Parse(args);
            parse.Errors.ShouldBeEmpty($"`greenlight {line}` in docs/ci.md: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }
    }

    /// <summary>Shell words up to the end of the command (<c>||</c>, <c>;</c>, <c>#</c> …); $VARIABLES stand for a value.</summary>
    private static string[] Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char? quote = null;
        var has = false;
        foreach (var c in line)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
                has = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (has || word.Length > 0)
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                has = false;
            }
            else if (c is '|' or ';' or '&' or '#' or '`')
            {
                break;
            }
            else
            {
                word.Append(c);
            }
        }

        if (has || word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return [.. words.Select(w => w.Replace("$CI_ENVIRONMENT_NAME", "staging", StringComparison.Ordinal).Replace("$status", "1", StringComparison.Ordinal))];
    }

    // A command line in a code block: `greenlight …` or `.tools/greenlight …` at the start of a line or after `- ` or `run: `.
    [GeneratedRegex(@"^(?:\s*(?:-\s+|run:\s+)?)(?:\.tools/)?greenlight ((?:check|validate|report|watch|rollback)\b[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex GreenlightLine();
}
