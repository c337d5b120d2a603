using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Secrets;
using Greenlight.Spec;

namespace Greenlight.Watch;

/// <summary>
/// Takes one measurement: runs the check's probe within its timeout, then sorts what it saw into
/// pass, fail, inconclusive or error by the check's <c>expect</c>, its <c>fail_when</c> and its
/// no-data policy. Exceptions from the probe become errors here; nothing escapes to the loop.
/// </summary>
internal sealed class Measurer(SpecDocument spec, Redactor redactor, HttpClientCache http, TimeProvider time, WatchClock clock, int evidenceLimit, Baselines.BaselineSet? baselines, Engine.RunProvenance provenance)
{
    public async Task<Measurement> MeasureAsync(CheckTracker tracker, int tick, DateTimeOffset plannedAt, CancellationToken cancellationToken)
    {
        var check = tracker.Check;
        var startedAt = time.GetUtcNow();
        var began = time.GetTimestamp();
        string Expand(string text) => Interpolator.Expand(text, name => clock.Lookup(name, startedAt) ?? (name.Contains('.', StringComparison.Ordinal) ? null : spec.Variables.Lookup(name)));

        using var timeout = new CancellationTokenSource(check.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var context = new CheckRunContext { Check = check, Expand = Expand, Variables = spec.Variables, SpecDirectory = spec.Directory, Time = time, Http = http, Provenance = provenance };
        Measurement measurement;
        try
        {
            var observation = await check.Probe.ObserveAsync(context, linked.Token).WaitAsync(linked.Token);
            if (observation.Resource is { } resource)
            {
                // A measurement keeps nothing running between ticks.
                await resource.CloseAsync();
            }

            measurement = Classify(tracker.Rules, check, observation, Expand, baselines?.For(check.Id)) with { CheckId = check.Id, Tick = tick, PlannedAt = plannedAt, StartedAt = startedAt };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            measurement = Errored(check.Id, tick, plannedAt, startedAt, $"timed out after {Units.FormatDuration(check.Timeout.TotalMilliseconds)}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            measurement = Errored(check.Id, tick, plannedAt, startedAt, $"{ex.GetType().Name}: {ex.Message}");
        }

        return Redact(measurement with { DurationMs = (long)time.GetElapsedTime(began).TotalMilliseconds });
    }

    /// <summary>The outcome of one observation under the check's rules; public for the rules' own tests.</summary>
    public static Measurement Classify(WatchRules rules, CheckDefinition check, Observation observation, Func<string, string> expand, IBaselineSource? baseline = null)
    {
        var blank = new Measurement { CheckId = check.Id, Tick = 0, PlannedAt = default, StartedAt = default, Outcome = MeasurementOutcome.Error };
        if (observation.Error is not null)
        {
            return blank with { Outcome = MeasurementOutcome.Error, Message = observation.Error, Evidence = observation.Evidence };
        }

        var expect = check.Expect.Select(a => AssertionEvaluator.Evaluate(a, observation.Subjects, expand, baseline)).ToList();
        var failWhen = rules.FailWhen.Select(a => AssertionEvaluator.Evaluate(a, observation.Subjects, expand, baseline)).ToList();
        var findings = observation.Findings.ToList();
        var first = check.Expect.Count > 0 ? AssertionEvaluator.ResolveSubject(check.Expect[0].Subject, observation.Subjects) : null;
        var shown = first is null || first.Kind == ValueKind.Missing ? null : first.ToDisplay();
        double? number = first is { Kind: ValueKind.Number or ValueKind.Duration or ValueKind.Size } ? first.Number : null;
        var all = findings.Concat(expect).Concat(failWhen.Select(f => f with { Expression = "fail_when " + f.Expression })).ToList();
        var result = blank with { Assertions = all, Evidence = observation.Evidence, Value = shown, Number = number };

        var noData = check.Expect.Concat(rules.FailWhen)
            .Select(a => AssertionEvaluator.ResolveSubject(a.Subject, observation.Subjects))
            .FirstOrDefault(v => v.Kind is ValueKind.Missing or ValueKind.Null || (v.Kind == ValueKind.Number && !double.IsFinite(v.Number)));
        if (noData is not null && findings.All(f => f.Passed))
        {
            var why = noData.Kind == ValueKind.Null ? "no data: the value is null" : noData.MissingReason is { } reason ? (reason.StartsWith("no data", StringComparison.Ordinal) ? reason : "no data: " + reason) : "no data";
            var outcome = rules.OnNoData switch
            {
                NoDataPolicy.Fail => MeasurementOutcome.Fail,
                NoDataPolicy.Pass => MeasurementOutcome.Pass,
                _ => MeasurementOutcome.Inconclusive,
            };
            return result with { Outcome = outcome, NoData = true, Message = $"{why} (on_no_data: {rules.OnNoData.ToString().ToLowerInvariant()})" };
        }

        var failedFindings = findings.Where(f => !f.Passed).ToList();
        var failedExpect = expect.Where(a => !a.Passed).ToList();
        if (failedFindings.Count > 0)
        {
            return result with { Outcome = MeasurementOutcome.Fail, Message = string.Join("; ", failedFindings.Select(f => f.Describe())) };
        }

        // A failure that compares with a baseline which is not there decides nothing: inconclusive.
        var undecided = failedExpect.Where(f => f.NoBaseline).Concat(failWhen.Where(f => f.NoBaseline)).ToList();
        failedExpect = [.. failedExpect.Where(f => !f.NoBaseline)];
        if (undecided.Count > 0 && failedExpect.Count == 0 && !failWhen.Any(f => f.Passed))
        {
            return result with { Outcome = MeasurementOutcome.Inconclusive, Message = string.Join("; ", undecided.Select(f => f.Describe())) };
        }

        if (rules.FailWhen.Count == 0)
        {
            return failedExpect.Count == 0
                ? result with { Outcome = MeasurementOutcome.Pass }
                : result with { Outcome = MeasurementOutcome.Fail, Message = string.Join("; ", failedExpect.Select(f => f.Describe())) };
        }

        var failing = failWhen.Where(f => f.Passed).ToList();
        if (failing.Count > 0)
        {
            return result with { Outcome = MeasurementOutcome.Fail, Message = string.Join("; ", failing.Select(f => $"fail_when {f.Expression}: actual {f.Actual}")) };
        }

        return failedExpect.Count == 0
            ? result with { Outcome = MeasurementOutcome.Pass }
            : result with { Outcome = MeasurementOutcome.Inconclusive, Message = "neither expect nor fail_when holds: " + string.Join("; ", failedExpect.Select(f => f.Describe())) };
    }

    private static Measurement Errored(string id, int tick, DateTimeOffset planned, DateTimeOffset started, string message) =>
        new() { CheckId = id, Tick = tick, PlannedAt = planned, StartedAt = started, Outcome = MeasurementOutcome.Error, Message = message };

    private Measurement Redact(Measurement m) => m with
    {
        Value = redactor.RedactOrNull(m.Value),
        Message = redactor.RedactOrNull(m.Message),
        Assertions = [.. m.Assertions.Select(a => a with
        {
            Expression = redactor.Redact(a.Expression),
            Actual = redactor.RedactOrNull(a.Actual),
            Expected = redactor.RedactOrNull(a.Expected),
            Note = redactor.RedactOrNull(a.Note),
        })],
        Evidence = [.. m.Evidence.Select(e =>
        {
            var content = redactor.Redact(e.Content);
            return content.Length <= evidenceLimit ? e with { Content = content } : e with { Content = content[..evidenceLimit], FullLength = e.FullLength ?? content.Length };
        })],
    };
}
