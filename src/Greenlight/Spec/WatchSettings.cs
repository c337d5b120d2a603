namespace Greenlight.Spec;

/// <summary><c>watch: { every: 5m, for: 1h, failure_limit: 2 }</c>.</summary>
internal sealed record WatchSettings(TimeSpan Every, TimeSpan For, int FailureLimit);
