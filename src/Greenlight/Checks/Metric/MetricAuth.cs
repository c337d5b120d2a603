namespace Greenlight.Checks.Metric;

/// <summary>Basic (username, password) or bearer auth for Prometheus; templates, expanded when the check runs.</summary>
internal sealed record MetricAuth(string? Username, string? Password, string? Bearer);
