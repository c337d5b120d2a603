namespace Greenlight.Dashboard;

/// <summary>One server-sent event of a watch window: its name (<c>measurement</c> or <c>end</c>) and its JSON data.</summary>
internal sealed record WatchEvent(string Name, string Data);
