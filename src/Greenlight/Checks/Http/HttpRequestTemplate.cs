using System.Text.Json.Nodes;

namespace Greenlight.Checks.Http;

/// <summary>
/// A request as written in the spec; strings are expanded (${…}) when the check runs. HasJson: the
/// spec gave `json:` (a <c>json: null</c> body has a null <see cref="Json"/>, as System.Text.Json has no null node).
/// </summary>
internal sealed record HttpRequestTemplate(
    string Method,
    string Url,
    IReadOnlyList<(string Name, string Value)> Headers,
    string? Body,
    JsonNode? Json,
    bool HasJson = false);
