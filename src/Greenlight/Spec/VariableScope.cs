using Greenlight.Secrets;

namespace Greenlight.Spec;

/// <summary>
/// Where <c>${NAME}</c> looks, first match wins: <c>--var</c>, the spec's <c>vars</c>, the process
/// environment, then the <c>.env</c> beside the spec (the environment beats .env, as in Compose).
/// </summary>
internal sealed class VariableScope
{
    private readonly IReadOnlyDictionary<string, string> _cli;
    private readonly Dictionary<string, string> _specVars = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IReadOnlyDictionary<string, string> _dotEnv;
    private readonly HashSet<string> _declaredSecrets = new(StringComparer.Ordinal);

    public VariableScope(
        IReadOnlyDictionary<string, string> cli,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyDictionary<string, string> dotEnv)
    {
        _cli = cli;
        _environment = environment;
        _dotEnv = dotEnv;
    }

    public static VariableScope Empty { get; } = new(
        new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> SpecVars => _specVars;

    public void SetSpecVar(string name, string value) => _specVars[name] = value;

    public void DeclareSecret(string name) => _declaredSecrets.Add(name);

    public string? Lookup(string name) =>
        _cli.TryGetValue(name, out var v) ? v
        : _specVars.TryGetValue(name, out v) ? v
        : LookupEnvironment(name);

    /// <summary>What the deployed app would see: --var, the environment and .env, not spec vars.</summary>
    public string? LookupEnvironment(string name) =>
        _cli.TryGetValue(name, out var v) ? v
        : _environment.TryGetValue(name, out v) ? v
        : _dotEnv.TryGetValue(name, out v) ? v
        : null;

    /// <summary>Where a variable the app would see comes from, for evidence ("environment", ".env").</summary>
    public string? SourceOf(string name) =>
        _cli.ContainsKey(name) ? "--var" : _environment.ContainsKey(name) ? "environment" : _dotEnv.ContainsKey(name) ? ".env" : null;

    public bool IsSecret(string name) => _declaredSecrets.Contains(name) || SecretNames.LooksSecret(name);

    /// <summary>Every value that must never be shown: secret-named variables from every source, and URL passwords anywhere.</summary>
    public IEnumerable<string> SecretValues()
    {
        foreach (var source in new[] { _cli, (IReadOnlyDictionary<string, string>)_specVars, _environment, _dotEnv })
        {
            foreach (var (name, value) in source)
            {
                if (IsSecret(name))
                {
                    yield return value;
                }
                else if (Redactor.PasswordOf(value) is { } password)
                {
                    yield return Uri.UnescapeDataString(password);
                }
            }
        }
    }
}
