using System.Text.Json.Nodes;

namespace Greenlight.Checks.Http;

/// <summary>A request as written in the spec; strings are expanded (${…}) when the check runs.</summary>
internal sealed record HttpRequestTemplate(
    string Method,
    string Url,
    IReadOnlyList<(string Name, string Value)> Headers,
    string? Body,
    JsonNode? Json);
