namespace Greenlight.Mcp.Tools;

/// <summary>What a tool answers: one JSON document (the same contract the CLI writes), or a problem the agent must read.</summary>
internal sealed record ToolOutput(string Json, bool IsError = false);
