using Greenlight.Engine;
using Greenlight.Store;

namespace Greenlight.Explain;

/// <summary>
/// The "why did it fail" use case: for every check of a recorded run that is not verified (or one
/// named check), the failed assertions with actual and expected, the fix text, the last stored run
/// where it passed, and what changed since then.
/// </summary>
internal static class FailureExplainer
{
    /// <summary>How far back in the check's history to look for a pass.</summary>
    public const int HistoryDepth = 500;

    public static async Task<(RunReport Run, IReadOnlyList<ExplainedFailure> Failures)> ExplainAsync(
        SqlRunStore store, string runReference, string? checkId, CancellationToken cancellationToken)
    {
        var runId = await store.ResolveAsync(runReference, cancellationToken);
        var (run, _, _) = await store.LoadAsync(runId, cancellationToken);
        var byId = run.Results.ToDictionary(r => r.Id, StringComparer.Ordinal);
        IEnumerable<CheckResult> chosen;
        if (checkId is not null)
        {
            if (!byId.TryGetValue(checkId, out var one))
            {
                throw new StoreException($"run {runId[..12]} has no result for check `{checkId}` (it has {string.Join(", ", run.Results.Select(r => r.Id).Take(10))})");
            }

            chosen = [one];
        }
        else
        {
            chosen = run.Results.Where(r => !VerdictRules.Verified(r));
        }

        var loaded = new Dictionary<string, RunReport>(StringComparer.Ordinal);
        var failures = new List<ExplainedFailure>();
        foreach (var result in chosen)
        {
            var failed = result.Assertions.Where(a => !a.Passed).ToList();
            var root = VerdictRules.RootCause(result, byId);
            RunReport? lastPassed = null;
            var history = await store.CheckHistoryAsync(result.Id, HistoryDepth, cancellationToken);
            var pass = history.FirstOrDefault(h => h.Outcome == CheckOutcome.Pass && h.RunId != run.RunId && h.StartedAt <= run.StartedAt);
            if (pass is not null)
            {
                if (!loaded.TryGetValue(pass.RunId, out lastPassed))
                {
                    lastPassed = (await store.LoadAsync(pass.RunId, cancellationToken)).Report;
                    loaded[pass.RunId] = lastPassed;
                }
            }

            failures.Add(new ExplainedFailure(result, failed, root is null || root.Id == result.Id ? null : root, lastPassed,
                lastPassed is null ? [] : Changes(lastPassed, run, result.Id)));
        }

        return (run, failures);
    }

    /// <summary>What differs between the run where the check passed and this one, as sentences.</summary>
    public static IReadOnlyList<string> Changes(RunReport then, RunReport now, string checkId)
    {
        var changes = new List<string>();
        if (then.SpecHash != now.SpecHash)
        {
            changes.Add($"the spec changed (hash {Short(then.SpecHash)} → {Short(now.SpecHash)})");
        }

        if (then.Provenance.GitCommit != now.Provenance.GitCommit)
        {
            changes.Add($"the commit changed: {Short(then.Provenance.GitCommit ?? "none")} → {Short(now.Provenance.GitCommit ?? "none")}");
        }

        if (then.Provenance.GitBranch != now.Provenance.GitBranch)
        {
            changes.Add($"the branch changed: {then.Provenance.GitBranch ?? "none"} → {now.Provenance.GitBranch ?? "none"}");
        }

        if (then.Provenance.Host != now.Provenance.Host)
        {
            changes.Add($"it ran on another host: {then.Provenance.Host} → {now.Provenance.Host}");
        }

        var diff = RunDiff.Compare(then, now);
        foreach (var value in diff.ChangedValues.Where(v => v.CheckId == checkId))
        {
            changes.Add($"{value.Expression}: {value.Before ?? "nothing"} → {value.After ?? "nothing"}");
        }

        foreach (var duration in diff.ChangedDurations.Where(d => d.CheckId == checkId))
        {
            changes.Add($"duration {Assertions.Units.FormatDuration(duration.Before)} → {Assertions.Units.FormatDuration(duration.After)}");
        }

        var before = then.Results.First(r => r.Id == checkId);
        var after = now.Results.First(r => r.Id == checkId);
        if (before.Message != after.Message && after.Message is not null)
        {
            changes.Add($"message: {before.Message ?? "none"} → {after.Message}");
        }

        // Other checks of the same run that broke at the same time point at a shared cause.
        var alsoBroke = diff.NewlyFailing.Where(p => p.After.Id != checkId && p.Before is not null).Select(p => p.After.Id).Take(10).ToList();
        if (alsoBroke.Count > 0)
        {
            changes.Add($"also passed then and not now: {string.Join(", ", alsoBroke)}");
        }

        return changes;
    }

    private static string Short(string value) => value.Length > 12 ? value[..12] : value;
}
