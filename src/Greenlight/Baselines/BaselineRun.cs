using Greenlight.Assertions;

namespace Greenlight.Baselines;

/// <summary>One check's values in the run it is compared with: by subject text, every value recorded (one per measurement in a watch window).</summary>
internal sealed record BaselineRun(string RunId, DateTimeOffset StartedAt, string Verdict, string Phase, IReadOnlyDictionary<string, List<AssertionValue>> Values)
{
    public string Describe(int count) =>
        $"run {RunId[..Math.Min(12, RunId.Length)]} ({Verdict}, {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(Phase == "watch" ? $", median of {count} measurement{(count == 1 ? "" : "s")}" : "")})";
}
