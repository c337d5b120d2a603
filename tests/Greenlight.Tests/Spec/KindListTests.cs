using System.Text.Json.Nodes;
using Greenlight.Text;
using System.Text.RegularExpressions;
using Greenlight.Checks;
using Greenlight.Spec;
using Greenlight.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Spec;

/// <summary>
/// Issue 9: the kind lists people read are checked against the registry, so a new kind is four
/// places (its folder, the registry line, its docs page, its tests) and the lists cannot drift.
/// </summary>
public partial class KindListTests
{
    private static readonly string[] Registered = [.. CheckKindRegistry.Default.Names.Order(StringComparer.Ordinal)];

    [Fact]
    public void SpecDocsKindList_Issue9_NamesEveryRegisteredKind()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "spec.md"));
        var row = text.Split('\n').Single(l => l.StartsWith("| `kind` |", StringComparison.Ordinal));

        var listed = KindLink().Matches(row).Select(m => m.Groups[1].Value).ToList();

        listed.Order(StringComparer.Ordinal).ToArray().ShouldBe(Registered, "docs/spec.md's `kind` row lists every registered kind once, each linked to its page");
    }

    [Fact]
    public void ReadmeKindsTable_Issue9_HasOneRowPerRegisteredKind()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| kind |", StringComparison.Ordinal));
        header.ShouldBeGreaterThanOrEqualTo(0, "README.md has a `| kind | checks | docs |` table");
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();

        var kinds = rows.Select(r => ReadmeRow().Match(r)).ToList();
        kinds.ShouldAllBe(m => m.Success, "every row of the README's kinds table is | `kind` | what | [docs/checks/kind.md](docs/checks/kind.md) |");
        kinds.ShouldAllBe(m => m.Groups[1].Value == m.Groups[2].Value);

        // Order is the README's to choose; membership is the registry's.
        kinds.Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray().ShouldBe(Registered);
    }

    [Fact]
    public void JsonSchema_Issue9_KindEnumIsTheRegistry()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "greenlight.schema.json")));

        var kinds = schema!["properties"]!["checks"]!["items"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(k => (string)k!).ToList();
        var oneOf = schema["properties"]!["checks"]!["items"]!["oneOf"]!.AsArray().Select(s => (string)s!["properties"]!["kind"]!["const"]!).ToList();

        kinds.ToArray().ShouldBe(Registered);
        oneOf.ToArray().ShouldBe(Registered);
        JsonText.Indented(SpecJsonSchema.Build(CheckKindRegistry.Default)).ShouldBe(JsonText.Indented(schema), "regenerate with `greenlight spec-schema --out docs/greenlight.schema.json`");
    }

    [GeneratedRegex(@"\[`([a-z]+)`\]\(checks/\1\.md\)")]
    private static partial Regex KindLink();

    [GeneratedRegex(@"^\| `([a-z]+)` \| .+ \| \[docs/checks/([a-z]+)\.md\]\(docs/checks/\2\.md\) \|$")]
    private static partial Regex ReadmeRow();
}
