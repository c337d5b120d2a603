namespace Greenlight.Checks.Routes;

/// <summary>One route to call: a method and a path with its parameters already filled in.</summary>
internal sealed record RouteOperation(string Method, string Path, string Template);
