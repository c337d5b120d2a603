using Greenlight.Alerts;
using Greenlight.Checks;
using Greenlight.Engine;
using Greenlight.Secrets;
using Greenlight.Spec;

namespace Greenlight.Watch;

/// <summary>
/// Runs a watch window: at each tick it measures every check not yet decided (in parallel), feeds
/// the trackers, journals the measurements, publishes state changes, and stops at the window's
/// end, when every check is decided, or at once when a critical check fails. All waiting goes
/// through the <see cref="TimeProvider"/>, so tests drive the schedule with a fake clock.
/// </summary>
internal sealed class WatchRunner(SpecDocument spec, WatchPlan plan, WatchRunOptions options)
{
    /// <summary>How many ticks missed while greenlight was stopped are still taken on --resume.</summary>
    public const int MaxCatchUp = 10;

    private readonly TimeProvider _time = options.Time;

    public Redactor Redactor { get; } = new(spec.Variables.SecretValues().Concat(spec.Targets.Values.Select(Redactor.PasswordOf).OfType<string>()));

    public async Task<WatchReport> RunAsync(CancellationToken cancellationToken)
    {
        var resume = options.Resume;
        var windowStart = resume?.WindowStart ?? _time.GetUtcNow();
        var runId = resume?.RunId ?? options.RunId ?? Guid.CreateVersion7(windowStart).ToString("N");
        var trackers = plan.Checks.Select(c => new CheckTracker(c.Check, c.Rules)).ToList();
        var byId = trackers.ToDictionary(t => t.Check.Id, StringComparer.Ordinal);
        var lags = new List<double>();
        var measurements = 0;

        // Replaying the stored measurements gives the trackers exactly the state they had.
        foreach (var stored in (resume?.Measurements ?? []).OrderBy(m => m.Tick))
        {
            if (byId.TryGetValue(stored.CheckId, out var tracker) && stored.Tick > tracker.LastTick)
            {
                tracker.Record(stored);
                measurements++;
            }
        }

        if (options.Journal is not null)
        {
            await options.Journal.StartAsync(plan, runId, windowStart, resume is not null, cancellationToken);
        }

        options.Observer?.WindowStarted(plan, windowStart, trackers);
        using var http = new HttpClientCache();
        var measurer = new Measurer(spec, Redactor, http, _time, new WatchClock(windowStart, plan.For), options.EvidenceLimit, options.Baselines);
        using var slots = new SemaphoreSlim(Math.Max(1, options.Parallelism));
        string? endedEarly = null;
        var missed = 0;
        var interrupted = false;
        var tick = trackers.Count == 0 ? 0 : trackers.Min(t => t.Decided ? int.MaxValue : t.LastTick + 1);
        if (tick == int.MaxValue)
        {
            tick = plan.Ticks;
        }

        while (tick < plan.Ticks && endedEarly is null)
        {
            var planned = plan.PlannedAt(windowStart, tick);
            var now = _time.GetUtcNow();
            if (measurements > 0 && planned < now - (plan.Every * MaxCatchUp))
            {
                // Resumed after a long stop: ticks missed are taken at once (their lag shows it), but
                // at most MaxCatchUp of them; older ones are skipped and counted as missed.
                var catchUp = (int)Math.Floor((now - plan.PlannedAt(windowStart, 0)) / plan.Every) - MaxCatchUp + 1;
                if (catchUp > tick)
                {
                    missed += Math.Min(catchUp, plan.Ticks - 1) - tick;
                    tick = Math.Min(catchUp, plan.Ticks - 1);
                    planned = plan.PlannedAt(windowStart, tick);
                }
            }

            try
            {
                if (planned > now)
                {
                    await Task.Delay(planned - now, _time, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                interrupted = true;
                break;
            }

            var due = trackers.Where(t => !t.Decided && t.LastTick < tick).ToList();
            var taken = await Task.WhenAll(due.Select(async t =>
            {
                await slots.WaitAsync(CancellationToken.None);
                try
                {
                    return await measurer.MeasureAsync(t, tick, planned, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }));

            if (cancellationToken.IsCancellationRequested)
            {
                // A measurement cut short by Ctrl-C is not kept: --resume takes this tick again.
                interrupted = true;
                break;
            }

            if (options.Journal is not null)
            {
                await options.Journal.RecordAsync(runId, taken, CancellationToken.None);
            }

            foreach (var measurement in taken)
            {
                var tracker = byId[measurement.CheckId];
                measurements++;
                lags.Add(measurement.Lag.TotalMilliseconds);
                foreach (var kind in tracker.Record(measurement))
                {
                    Publish(kind, tracker);
                }

                if (tracker.Decision is MeasurementOutcome.Fail or MeasurementOutcome.Error && tracker.Check.Severity == Severity.Critical && !tracker.Rules.DryRun)
                {
                    endedEarly = $"critical check {tracker.Check.Id} {WatchJudge.Describe(tracker.Decision.Value)}: {tracker.Reason}";
                }
            }

            options.Observer?.TickFinished(tick, _time.GetUtcNow(), trackers);
            if (endedEarly is null && trackers.All(t => t.Decided))
            {
                endedEarly = trackers.Any(t => t.Decision != MeasurementOutcome.Pass) ? "every check reached a limit" : "every check passed early (consecutive_success_limit)";
            }

            tick++;
        }

        if (!interrupted)
        {
            foreach (var tracker in trackers)
            {
                tracker.Close();
            }
        }

        var (verdict, reasons, notes) = WatchJudge.Decide(trackers, interrupted);
        lags.Sort();
        var report = new WatchReport
        {
            RunId = runId,
            Spec = spec.Name,
            Window = plan.Window,
            Verdict = verdict,
            Reasons = [.. reasons.Select(Redactor.Redact)],
            Notes = [.. notes.Select(Redactor.Redact)],
            StartedAt = windowStart,
            FinishedAt = _time.GetUtcNow(),
            Checks = [.. trackers.Select(t => new WatchCheckSummary(
                t.Check.Id, t.Check.Title, t.Check.Kind.Name, t.Check.Severity.ToString().ToLowerInvariant(), t.Rules.DryRun,
                t.Decision ?? MeasurementOutcome.Inconclusive, Redactor.Redact(t.Reason ?? "interrupted before the window ended"),
                t.Passes, t.Failures, t.Errors, t.Inconclusives, t.Last?.Value,
                t.Decision is MeasurementOutcome.Fail or MeasurementOutcome.Error ? Redactor.RedactOrNull(t.Check.Fix) : null))],
            Measurements = measurements,
            MissedTicks = missed,
            Interrupted = interrupted,
            EndedEarly = endedEarly,
            LagP99Ms = lags.Count == 0 ? 0 : lags[Math.Clamp((int)Math.Ceiling(0.99 * lags.Count) - 1, 0, lags.Count - 1)],
        };

        if (options.Journal is not null)
        {
            await options.Journal.FinishAsync(report, CancellationToken.None);
        }

        if (!interrupted)
        {
            options.Alerts?.Publish(new AlertEvent
            {
                Kind = AlertEventKind.WindowEnded,
                At = report.FinishedAt,
                Verdict = verdict,
                Summary = $"{spec.Name}: watch window `{plan.Window}` ended {VerdictRules.Spell(verdict)}" + (reasons.Count > 0 ? ": " + string.Join("; ", report.Reasons) : ""),
                Message = report.EndedEarly,
            });
        }

        return report;
    }

    private void Publish(AlertEventKind kind, CheckTracker tracker)
    {
        if (options.Alerts is null || tracker.Last is not { } last)
        {
            return;
        }

        var state = kind switch
        {
            AlertEventKind.CheckFailing => "is failing",
            AlertEventKind.CheckRecovered => "recovered",
            _ => $"{WatchJudge.Describe(tracker.Decision ?? MeasurementOutcome.Inconclusive)} for this window ({tracker.Reason})",
        };
        options.Alerts.Publish(new AlertEvent
        {
            Kind = kind,
            At = last.StartedAt,
            CheckId = tracker.Check.Id,
            CheckTitle = tracker.Check.Title,
            Severity = tracker.Check.Severity,
            Value = last.Value,
            Outcome = WatchJudge.Code(last.Outcome),
            Limits = tracker.DescribeLimits(),
            Message = last.Message,
            Fix = kind == AlertEventKind.CheckRecovered ? null : Redactor.RedactOrNull(tracker.Check.Fix),
            Summary = Redactor.Redact($"{spec.Name}: {tracker.Check.Id} {state}" + (last.Message is null || kind == AlertEventKind.CheckRecovered ? "" : ": " + last.Message)),
        });
    }
}
