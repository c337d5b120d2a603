using Greenlight.Assertions;
using Greenlight.Engine;

namespace Greenlight.Store;

/// <summary>
/// What changed between two runs: regressions (a check verified before, or new, that is not
/// verified now: failed, errored, pending or skipped, as <see cref="VerdictRules"/> decides), fixed,
/// still failing, changed values and durations.
/// </summary>
internal sealed record RunDiff(
    IReadOnlyList<(CheckResult? Before, CheckResult After)> NewlyFailing,
    IReadOnlyList<(CheckResult Before, CheckResult After)> Fixed,
    IReadOnlyList<(CheckResult Before, CheckResult After)> StillFailing,
    IReadOnlyList<CheckResult> Added,
    IReadOnlyList<CheckResult> Removed,
    IReadOnlyList<(string CheckId, string Expression, string? Before, string? After)> ChangedValues,
    IReadOnlyList<(string CheckId, long Before, long After)> ChangedDurations)
{
    public bool HasRegressions => NewlyFailing.Count > 0;

    public static RunDiff Compare(RunReport a, RunReport b)
    {
        var before = a.Results.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var after = b.Results.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var newly = new List<(CheckResult?, CheckResult)>();
        var fixedOnes = new List<(CheckResult, CheckResult)>();
        var still = new List<(CheckResult, CheckResult)>();
        var values = new List<(string, string, string?, string?)>();
        var durations = new List<(string, long, long)>();
        foreach (var now in b.Results)
        {
            before.TryGetValue(now.Id, out var then);
            var badNow = !VerdictRules.Verified(now);
            var badThen = then is not null && !VerdictRules.Verified(then);
            if (VerdictRules.IsRegression(then, now))
            {
                newly.Add((then, now));
            }
            else if (badNow)
            {
                still.Add((then!, now));
            }
            else if (badThen)
            {
                fixedOnes.Add((then!, now));
            }

            if (then is null)
            {
                continue;
            }

            var thenAssertions = then.Assertions.GroupBy(x => x.Expression).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var assertion in now.Assertions)
            {
                // Timings and ages differ on every run; they are reported as durations, not values.
                if (thenAssertions.TryGetValue(assertion.Expression, out var old) && old.Actual != assertion.Actual && !(IsDuration(old) && IsDuration(assertion)))
                {
                    values.Add((now.Id, assertion.Expression, old.Actual, assertion.Actual));
                }
            }

            // Worth showing: at least twice as slow or fast, and at least 50 ms apart.
            var (x, y) = (then.DurationMs, now.DurationMs);
            if (Math.Abs(x - y) >= 50 && (Math.Max(x, y) >= 2 * Math.Max(1, Math.Min(x, y))))
            {
                durations.Add((now.Id, x, y));
            }
        }

        return new RunDiff(newly, fixedOnes, still,
            [.. b.Results.Where(r => !before.ContainsKey(r.Id))],
            [.. a.Results.Where(r => !after.ContainsKey(r.Id))],
            values, durations);
    }

    // Runs stored before values were typed only have the text.
    private static bool IsDuration(AssertionResult a) =>
        a.ActualValue is { } value ? value.Kind == ValueKind.Duration : a.Actual is not null && Units.TryParseDuration(a.Actual, out _);
}
