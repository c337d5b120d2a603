namespace Greenlight.Checks.Routes;

/// <summary>The list of routes could not be read (an invalid OpenAPI document, a document that cannot be fetched).</summary>
internal sealed class RoutesException(string message) : Exception(message);
