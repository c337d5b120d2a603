namespace Greenlight.Checks.Routes;

internal sealed record RoutesSettings(
    string Base,
    string? OpenApi,
    IReadOnlyList<(string Method, string Path)> Paths,
    string? CompareBase,
    IReadOnlyList<(string Name, string Value)> Headers,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlySet<string> Exclude,
    int Concurrency,
    bool AcceptHtml = false);
