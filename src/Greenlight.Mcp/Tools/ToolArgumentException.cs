namespace Greenlight.Mcp.Tools;

/// <summary>A call's arguments are wrong (missing, of the wrong type, an unknown value): an MCP invalid-params error.</summary>
internal sealed class ToolArgumentException(string message) : Exception(message);
