using Greenlight.Engine;
using Greenlight.Store;

namespace Greenlight.Dashboard;

/// <summary>One run in a spec's strip of recent verdicts; <see cref="Verdict"/> is null while it runs.</summary>
internal sealed record VerdictMark(string RunId, string Phase, DateTimeOffset StartedAt, RunStatus Status, Verdict? Verdict);
