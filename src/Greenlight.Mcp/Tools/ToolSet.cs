namespace Greenlight.Mcp.Tools;

/// <summary>Every tool the server offers with these settings: read-only ones always, signoff and rollback only when allowed.</summary>
internal static class ToolSet
{
    /// <summary>The tools that exist but are off unless a flag turns them on, with the flag.</summary>
    public static IReadOnlyDictionary<string, string> Gated { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["signoff"] = "--allow-signoff",
        ["rollback"] = "--allow-rollback",
    };

    public static IReadOnlyList<McpTool> For(McpSettings settings)
    {
        var tools = new List<McpTool>
        {
            SpecTools.Validate(),
            SpecTools.List(),
            RunTools.Run(),
            StoreTools.ListRuns(),
            StoreTools.GetRun(),
            StoreTools.GetCheck(),
            StoreTools.DiffRuns(),
            StoreTools.ExplainFailure(),
            DatabaseTools.Snapshot(),
            DatabaseTools.Diff(),
            DatabaseTools.MigrationPlan(),
            ChecklistTools.Import(),
            ChecklistTools.Audit(),
        };
        if (settings.AllowSignoff)
        {
            tools.Add(ChangeTools.Signoff());
        }

        if (settings.AllowRollback)
        {
            tools.Add(ChangeTools.Rollback() with { Destructive = true });
        }

        return tools;
    }
}
