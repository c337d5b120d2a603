namespace Greenlight.Spec;

/// <summary>One window of the watch: how often, for how long, after what delay, and which checks (empty: every watch check).</summary>
internal sealed record WatchWindow(string Name, TimeSpan Every, TimeSpan For, TimeSpan InitialDelay, IReadOnlyList<string> Only);
