using Greenlight.Engine;

namespace Greenlight.Dashboard;

/// <summary>
/// The health decision, as Goss <c>serve</c> makes it, so a load balancer or a pipeline can gate on
/// the last verdict: 200 on GO, 200 with a warning on GO WITH WARNINGS, 503 on NO-GO and HOLD, and
/// 404 when the spec has no verdict yet (unknown is not healthy).
/// </summary>
internal static class Health
{
    /// <summary>The header that carries the warning (RFC 7234's Warning is obsolete; a named header is explicit).</summary>
    public const string WarningHeader = "X-Greenlight-Warning";

    public static HealthAnswer Decide(string spec, VerdictMark? last)
    {
        if (last?.Verdict is not { } verdict)
        {
            return new HealthAnswer(404, null, $"no verdict stored for spec {spec}\n");
        }

        var line = $"{VerdictRules.Spell(verdict)} {spec} run {last.RunId} ({last.Phase}) at {last.StartedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\n";
        return verdict switch
        {
            Verdict.Go => new HealthAnswer(200, null, line),
            Verdict.GoWithWarnings => new HealthAnswer(200, "go with warnings", line),
            _ => new HealthAnswer(503, null, line),
        };
    }
}
