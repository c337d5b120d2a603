using Greenlight.Secrets;

namespace Greenlight.Alerts;

/// <summary>What every alert of a run carries besides the event: the spec, environment, version and commit, and the redactor.</summary>
internal sealed record AlertContext(string Spec, string? Environment, string? Version, string? Commit, Redactor Redactor);
