namespace Greenlight.Watch;

/// <summary>A window read back from the store: its run, its start and every measurement taken so far.</summary>
internal sealed record WatchResume(string RunId, string Window, DateTimeOffset WindowStart, TimeSpan Every, TimeSpan For, TimeSpan InitialDelay, IReadOnlyList<Measurement> Measurements);
