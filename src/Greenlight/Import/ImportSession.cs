using System.Text.RegularExpressions;

namespace Greenlight.Import;

/// <summary>What an import has gathered so far: checks, variables, the env check, rollback steps, what was left out.</summary>
internal sealed partial class ImportSession(string documentName)
{
    public string DocumentName { get; } = documentName;
    public List<ImportedCheck> Checks { get; } = [];
    public List<ImportedRollbackStep> Rollback { get; } = [];
    public List<NotConverted> Skipped { get; } = [];
    public List<string> Warnings { get; } = [];

    /// <summary>Spec variables: name → the default text (<c>${API_BASE:-https://…}</c>).</summary>
    public List<KeyValuePair<string, string>> Vars { get; } = [];

    public string? DatabaseTarget { get; set; }
    public int Items { get; set; }

    /// <summary>Variables the document says must be set, with the line that says so and a shape if it gives one.</summary>
    public Dictionary<string, int> RequiredEnv { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> OptionalEnv { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> EnvShapes { get; } = new(StringComparer.Ordinal);
    public List<int> EnvLines { get; } = [];
    public ImportPhase EnvPhase { get; set; } = ImportPhase.Pre;

    private readonly Dictionary<string, string> _secretVariables = new(StringComparer.Ordinal);

    public string Source(int line) => $"{DocumentName}:{line}";

    public void Add(ImportedCheck check) => Checks.Add(check);

    public void Skip(int line, string text, string reason) => Skipped.Add(new NotConverted(line, Shorten(text), reason));

    public void RequireEnv(string name, int line, bool optional = false)
    {
        if (optional)
        {
            if (!RequiredEnv.ContainsKey(name))
            {
                OptionalEnv.TryAdd(name, line);
            }
        }
        else
        {
            OptionalEnv.Remove(name);
            RequiredEnv.TryAdd(name, line);
        }

        EnvLines.Add(line);
    }

    /// <summary>Uses the document's database as the spec's <c>db</c> target, never with its password.</summary>
    public string UseDatabase(string? documentUrl = null)
    {
        if (DatabaseTarget is null || (documentUrl is not null && DatabaseTarget == "${DATABASE_URL}"))
        {
            DatabaseTarget = documentUrl is null ? "${DATABASE_URL}" : $"${{DATABASE_URL:-{documentUrl}}}";
        }

        return "db";
    }

    /// <summary>The spec variable for a base URL: the document's value as default, or required when it is a placeholder.</summary>
    public string UseBaseUrl(string baseUrl)
    {
        foreach (var (name, value) in Vars)
        {
            if (value.Contains(baseUrl, StringComparison.Ordinal))
            {
                return name;
            }
        }

        var index = Vars.Count(v => v.Key.StartsWith("api", StringComparison.Ordinal));
        var name2 = index == 0 ? "api" : $"api{index + 1}";
        var env = index == 0 ? "API_BASE" : $"API_BASE_{index + 1}";
        var value2 = IsPlaceholderHost(baseUrl)
            ? $"${{{env}:?set {env} to the service's base URL (the checklist has the placeholder {baseUrl})}}"
            : $"${{{env}:-{baseUrl}}}";
        Vars.Add(new(name2, value2));
        return name2;
    }

    /// <summary>
    /// Replaces secrets pasted in <paramref name="text"/> by a variable (<c>${API_TOKEN}</c>) the spec
    /// requires, and warns once per secret with its line and a masked value.
    /// </summary>
    public string Scrub(string text, int line)
    {
        foreach (var (value, what) in DocumentSecrets.Find(text).ToList())
        {
            if (!_secretVariables.TryGetValue(value, out var variable))
            {
                variable = _secretVariables.Count == 0 ? "API_TOKEN" : $"API_TOKEN_{_secretVariables.Count + 1}";
                _secretVariables[value] = variable;
                RequireEnv(variable, line);
            }

            text = text.Replace(value, $"${{{variable}}}", StringComparison.Ordinal);
            _ = what;
        }

        return text;
    }

    public static bool IsPlaceholderHost(string url) => PlaceholderHost().IsMatch(url);

    private static string Shorten(string text)
    {
        var one = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return one.Length <= 100 ? one : one[..97] + "…";
    }

    [GeneratedRegex(@"(your[-_]|example\.(com|org)|<[^>]+>|\{[^}]+\}|placeholder|my-?app)", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderHost();
}
