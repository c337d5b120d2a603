using Greenlight.Import;
using Greenlight.Init.Detectors;

namespace Greenlight.Init;

/// <summary>
/// <c>greenlight init [DIR]</c>: reads a repository and drafts a spec of what is there — how it starts,
/// the variables it reads, its routes, its migrations, its database, its proxy, its dependencies —
/// each check with a comment saying why it was proposed.
/// </summary>
internal static class RepositoryInit
{
    /// <summary>In order: what later detectors use (variables, routes, the database) comes first.</summary>
    private static readonly IRepositoryDetector[] Detectors =
    [
        new EnvVariablesDetector(),
        new RoutesDetector(),
        new DatabaseDetector(),
        new MigrationsDetector(),
        new StartCommandDetector(),
        new RoutesCheckDetector(),
        new ProxyDetector(),
        new DependenciesDetector(),
    ];

    public static (string Yaml, InitDraft Draft) Draft(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ImportException($"{folder}: no such folder");
        }

        var draft = new InitDraft(new RepositoryFiles(folder));
        foreach (var detector in Detectors)
        {
            detector.Detect(draft);
        }

        AddEnvCheck(draft);
        if (draft.Checks.Count == 0)
        {
            throw new ImportException($"{folder}: nothing to check was found (no Procfile or start script, .env.example, routes, migrations or dependency file)");
        }

        var name = ChecklistImporter.Slug(Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)), 60);
        var result = new ImportResult
        {
            Name = name,
            DocumentName = "init",
            Checks = [.. draft.Checks.OrderBy(c => Order(c.Kind))],
            Vars = draft.Vars,
            DatabaseTarget = draft.DatabaseVariable is null ? null : $"${{{draft.DatabaseVariable}}}",
            Rollback = [],
            NotConverted = [],
            Warnings = [],
            Claims = [],
            Verdicts = [],
        };
        var header = $"# Drafted by `greenlight init` from what the repository holds: {draft.Checks.Count} checks, each with why it was proposed.\n# Review it, set the variables, then `greenlight validate` and `greenlight check`.";
        return (SpecYamlWriter.Write(result, header), draft);
    }

    private static int Order(string kind) => kind switch
    {
        "env" => 0,
        "command" => 1,
        "sql" => 2,
        "migration" => 3,
        "boot" => 4,
        _ => 5,
    };

    private static void AddEnvCheck(InitDraft draft)
    {
        if (draft.RequiredEnv.Count == 0 && draft.OptionalEnv.Count == 0)
        {
            return;
        }

        var check = draft.Add("env.variables", "env", "the variables the app reads are set",
            $"read by {string.Join(", ", draft.RequiredEnv.Values.Concat(draft.OptionalEnv.Values).Distinct(StringComparer.Ordinal).Take(4))}; values are never shown", "Config");
        check.Severity = "critical";
        if (draft.RequiredEnv.Count > 0)
        {
            check.Set("require", draft.RequiredEnv.Keys.ToList());
        }

        if (draft.OptionalEnv.Count > 0)
        {
            check.Set("optional", draft.OptionalEnv.Keys.ToList());
        }
    }
}
