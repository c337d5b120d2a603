using System.Text.Json;

namespace Greenlight.Mcp.Tools;

/// <summary>
/// One tool as the server lists and calls it. Declared by hand (name, JSON Schemas as literals, a
/// delegate) instead of by reflection over attributed methods, so a trimmed single-file build keeps it.
/// </summary>
internal sealed record McpTool(
    string Name,
    string Title,
    string Description,
    string InputSchema,
    string OutputSchema,
    bool ReadOnly,
    Func<ToolCall, CancellationToken, Task<ToolOutput>> InvokeAsync)
{
    /// <summary>It changes the world (a rollback): clients show that to the person before calling.</summary>
    public bool Destructive { get; init; }

    /// <summary>It reaches outside the repository (databases, the deployed services).</summary>
    public bool OpenWorld { get; init; } = true;

    public JsonElement ParsedInputSchema { get; } = Parse(InputSchema);

    public JsonElement ParsedOutputSchema { get; } = Parse(OutputSchema);

    private static JsonElement Parse(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return document.RootElement.Clone();
    }
}
