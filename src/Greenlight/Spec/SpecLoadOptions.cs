using Greenlight.Checks;

namespace Greenlight.Spec;

/// <summary>Inputs to loading a spec besides the file: --var values, the environment, the kinds.</summary>
internal sealed record SpecLoadOptions
{
    public IReadOnlyDictionary<string, string> CliVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The process environment; tests pass their own.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>A .env file to read instead of the one beside the spec.</summary>
    public string? EnvFile { get; init; }

    /// <summary>The environment of the spec's <c>environments:</c> to apply (<c>--env</c>); null for none.</summary>
    public string? EnvironmentName { get; init; }

    public CheckKindRegistry Registry { get; init; } = CheckKindRegistry.Default;

    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return result;
    }
}
