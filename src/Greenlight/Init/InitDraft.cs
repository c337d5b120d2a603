using Greenlight.Import;

namespace Greenlight.Init;

/// <summary>What the detectors found in a repository, gathered into the checks of a draft spec.</summary>
internal sealed class InitDraft(RepositoryFiles files)
{
    public RepositoryFiles Files { get; } = files;
    public List<ImportedCheck> Checks { get; } = [];
    public List<KeyValuePair<string, string>> Vars { get; } = [];
    public SortedDictionary<string, string> RequiredEnv { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> OptionalEnv { get; } = new(StringComparer.Ordinal);

    /// <summary>Routes the app declares (<c>GET /health</c>), from its code or its OpenAPI document.</summary>
    public SortedSet<string> Routes { get; } = new(StringComparer.Ordinal);

    public string? OpenApi { get; set; }
    public string? DatabaseVariable { get; set; }
    public ImportedCheck? Boot { get; set; }

    public ImportedCheck Add(string id, string kind, string title, string why, string? area = null, ImportPhase phase = ImportPhase.Pre)
    {
        var check = new ImportedCheck { Kind = kind, Title = title, Line = 0, Phase = phase, Area = area, Id = id };
        check.Notes.Add(why);
        Checks.Add(check);
        return check;
    }

    /// <summary>Set by the platform or the shell, never by the team: not worth requiring.</summary>
    private static readonly HashSet<string> PlatformSet = new(StringComparer.Ordinal) { "PORT", "HOST", "HOME", "PATH", "PWD", "USER", "NODE_ENV", "HOSTNAME", "TERM", "LANG", "CI" };

    public void RequireEnv(string name, string where, bool optional = false)
    {
        if (PlatformSet.Contains(name))
        {
            return;
        }

        if (optional && !RequiredEnv.ContainsKey(name))
        {
            OptionalEnv.TryAdd(name, where);
        }
        else if (!optional)
        {
            OptionalEnv.Remove(name);
            RequiredEnv.TryAdd(name, where);
        }
    }
}
