namespace Greenlight.Checks.Routes;

/// <summary>
/// One route to call: a method and a path with its parameters already filled in, and the media
/// types the document says its responses have (empty when it says none, or for a listed path).
/// </summary>
internal sealed record RouteOperation(string Method, string Path, string Template)
{
    public IReadOnlyList<string> Produces { get; init; } = [];
}
