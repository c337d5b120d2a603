using Greenlight.Import;
using Greenlight.Spec;
using Shouldly;

namespace Greenlight.Tests.Import;

/// <summary>Imports Markdown and loads the spec it writes, as <c>greenlight validate</c> would.</summary>
internal static class ImportHarness
{
    public static (ImportResult Result, string Yaml) Import(string markdown, string name = "CHECKLIST.md")
    {
        var result = ChecklistImporter.Import(markdown, name);
        return (result, SpecYamlWriter.Write(result));
    }

    /// <summary>Loads the written spec with the variables a user would set; fails the test with the loader's errors.</summary>
    public static SpecDocument Load(string yaml, IReadOnlyDictionary<string, string>? environment = null, string? directory = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["DATABASE_URL"] = "postgres://greenlight@127.0.0.1:5432/app", ["API_BASE"] = "http://127.0.0.1:8000" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        try
        {
            return SpecLoader.Load(yaml, "imported.yaml", directory ?? Path.GetTempPath(), new SpecLoadOptions { Environment = env });
        }
        catch (SpecException ex)
        {
            throw new ShouldAssertException("the imported spec does not load:\n" + string.Join("\n", ex.Errors.Select(e => e.ToString())) + "\n---\n" + yaml);
        }
    }

    public static ImportedCheck Single(this ImportResult result, string kind) => result.Checks.Where(c => c.Kind == kind).ShouldHaveSingleItem();

    public static object Field(this ImportedCheck check, string name) => check.Fields.First(f => f.Key == name).Value;
}
