namespace Greenlight.JsonPath;

/// <summary>A JSONPath that does not parse; the message names what was expected and where.</summary>
internal sealed class JsonPathException(string message) : Exception(message);
