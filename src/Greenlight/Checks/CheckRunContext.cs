using Greenlight.Spec;

namespace Greenlight.Checks;

/// <summary>What a check may use while it runs.</summary>
internal sealed class CheckRunContext
{
    public required CheckDefinition Check { get; init; }

    /// <summary>Expands ${…} in a field with variables and the captures of checks already done.</summary>
    public required Func<string, string> Expand { get; init; }

    public required VariableScope Variables { get; init; }
    public required string SpecDirectory { get; init; }
    public required TimeProvider Time { get; init; }
    public required HttpClientCache Http { get; init; }
    public int Attempt { get; init; } = 1;

    /// <summary>The spec's name and hash, and the run's commit: what a sign-off is given for.</summary>
    public string SpecName { get; init; } = "";
    public string SpecHash { get; init; } = "";
    public Engine.RunProvenance Provenance { get; init; } = Engine.RunProvenance.Unknown;
    public Signoffs.SignoffBook Signoffs { get; init; } = Greenlight.Signoffs.SignoffBook.Empty;

    /// <summary>Resolves a path relative to the spec's folder.</summary>
    public string ResolvePath(string path) =>
        System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(SpecDirectory, path));
}
