using System.Threading.Channels;
using Greenlight.Alerts;
using Greenlight.Checks;
using Greenlight.Engine;
using Greenlight.Secrets;
using Greenlight.Spec;

namespace Greenlight.Watch;

/// <summary>
/// Runs a watch window: every check not yet decided is measured on its own schedule (at most
/// --parallel at once); one reader journals the measurements, feeds the trackers, publishes state
/// changes, and stops at the window's end, when every check is decided, or at once when a critical
/// check fails. All waiting goes
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
        var lags = new LagHistogram();
        var measurements = 0;

        // Replaying the stored measurements gives the trackers exactly the state they had.
        foreach (var stored in (resume?.Measurements ?? []).OrderBy(m => m.Tick))
        {
            if (byId.TryGetValue(stored.CheckId, out var tracker) && stored.Tick > tracker.LastTick && !tracker.Decided)
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
        using var http = new HttpClientCache(Math.Max(1, options.Parallelism));
        var measurer = new Measurer(spec, Redactor, http, _time, new WatchClock(windowStart, plan.For), options.EvidenceLimit, options.Baselines, options.Provenance);
        using var slots = new SemaphoreSlim(Math.Max(1, options.Parallelism));

        // Measuring stops on Ctrl-C, when a critical check fails and when every check is decided.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<Measurement>(new UnboundedChannelOptions { SingleReader = true });
        var scheduled = trackers.Select((t, i) => new ScheduledCheck(t, plan.OffsetOf(i, trackers.Count))).ToList();
        var byCheck = scheduled.ToDictionary(c => c.Tracker.Check.Id, StringComparer.Ordinal);
        var catchingUp = measurements > 0;

        // Each check keeps its own schedule, so a slow one delays only itself; one reader below
        // owns the trackers, the journal, the alerts and the live view.
        var loops = scheduled.Select(c => Task.Run(() => MeasureOnScheduleAsync(c, windowStart, catchingUp, measurer, slots, channel.Writer, stop.Token), CancellationToken.None)).ToList();
        _ = Task.WhenAll(loops).ContinueWith(_ => channel.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        string? endedEarly = null;
        var shownTick = trackers.Count == 0 ? -1 : trackers.Min(t => t.LastTick);
        var batch = new List<Measurement>();
        var accepted = new List<Measurement>();
        var alerts = new List<AlertEvent>();
        while (await channel.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (channel.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            // The trackers decide first, so a decided check's loop is stopped before the journal (or a
            // test's fake clock) sees the measurement; a late one of a decided check is dropped, not stored.
            accepted.Clear();
            alerts.Clear();
            foreach (var measurement in batch.OrderBy(m => m.Tick))
            {
                var tracker = byId[measurement.CheckId];
                if (tracker.Decided || measurement.Tick <= tracker.LastTick)
                {
                    continue;
                }

                accepted.Add(measurement);
                measurements++;
                lags.Add(measurement.Lag);
                foreach (var kind in tracker.Record(measurement))
                {
                    if (Alert(kind, tracker) is { } alert)
                    {
                        alerts.Add(alert);
                    }
                }

                if (tracker.Decided)
                {
                    byCheck[tracker.Check.Id].Stopped = true;
                }

                if (endedEarly is null && tracker.Decision is MeasurementOutcome.Fail or MeasurementOutcome.Error && tracker.Check.Severity == Severity.Critical && !tracker.Rules.DryRun)
                {
                    endedEarly = $"critical check {tracker.Check.Id} {WatchJudge.Describe(tracker.Decision.Value)}: {tracker.Reason}";
                }
            }

            if (endedEarly is null && trackers.All(t => t.Decided))
            {
                endedEarly = trackers.Any(t => t.Decision != MeasurementOutcome.Pass) ? "every check reached a limit" : "every check passed early (consecutive_success_limit)";
            }

            if (endedEarly is not null)
            {
                await stop.CancelAsync();
            }

            // Stored before anyone is told: an alert never names a measurement the store lacks.
            if (options.Journal is not null && accepted.Count > 0)
            {
                await options.Journal.RecordAsync(runId, accepted, CancellationToken.None);
            }

            foreach (var alert in alerts)
            {
                options.Alerts!.Publish(alert);
            }

            // The view moves on a tick once every check still measuring has reported it.
            var open = trackers.Where(t => !t.Decided).ToList();
            var complete = open.Count == 0 ? trackers.Max(t => t.LastTick) : open.Min(t => t.LastTick);
            for (; shownTick < complete; shownTick++)
            {
                options.Observer?.TickFinished(shownTick + 1, _time.GetUtcNow(), trackers);
            }
        }

        var missed = (await Task.WhenAll(loops)).Sum();
        var interrupted = cancellationToken.IsCancellationRequested && endedEarly is null;
        if (!interrupted)
        {
            foreach (var tracker in trackers)
            {
                tracker.Close();
            }
        }

        var (verdict, reasons, notes) = WatchJudge.Decide(trackers, interrupted);
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
            LagP99Ms = lags.Percentile(0.99),
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

    /// <summary>One check's ticks, from the one after its last stored measurement; returns how many ticks it skipped after a long stop.</summary>
    private async Task<int> MeasureOnScheduleAsync(ScheduledCheck check, DateTimeOffset windowStart, bool catchingUp, Measurer measurer, SemaphoreSlim slots, ChannelWriter<Measurement> writer, CancellationToken stop)
    {
        var missed = 0;
        for (var tick = check.Tracker.Decided ? plan.Ticks : check.Tracker.LastTick + 1; tick < plan.Ticks && !check.Stopped; tick++)
        {
            var planned = plan.PlannedAt(windowStart, tick) + check.Offset;
            var now = _time.GetUtcNow();
            if (catchingUp && planned < now - (plan.Every * MaxCatchUp))
            {
                // Resumed after a long stop: ticks missed are taken at once (their lag shows it), but
                // at most MaxCatchUp of them; older ones are skipped and counted as missed.
                var latest = Math.Min((int)Math.Floor((now - check.Offset - plan.PlannedAt(windowStart, 0)) / plan.Every), plan.Ticks - 1);
                var from = Math.Max(tick, latest - MaxCatchUp + 1);
                missed += from - tick;
                tick = from;
                planned = plan.PlannedAt(windowStart, tick) + check.Offset;
            }

            try
            {
                if (planned > now)
                {
                    await Task.Delay(planned - now, _time, stop);
                    if (check.Stopped)
                    {
                        break;
                    }
                }

                // A measurement that finishes after its next tick was due makes that one late, never skipped.
                await slots.WaitAsync(stop);
                Measurement measurement;
                try
                {
                    measurement = await measurer.MeasureAsync(check.Tracker, tick, planned, stop);
                }
                finally
                {
                    slots.Release();
                }

                if (stop.IsCancellationRequested)
                {
                    // Cut short: not kept, so --resume takes this tick again.
                    break;
                }

                writer.TryWrite(measurement);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }

        return missed;
    }

    /// <summary>A check of the window with its place in the interval; Stopped is set by the reader once the check is decided.</summary>
    private sealed class ScheduledCheck(CheckTracker tracker, TimeSpan offset)
    {
        private volatile bool _stopped;

        public CheckTracker Tracker { get; } = tracker;

        public TimeSpan Offset { get; } = offset;

        public bool Stopped
        {
            get => _stopped;
            set => _stopped = value;
        }
    }

    private AlertEvent? Alert(AlertEventKind kind, CheckTracker tracker)
    {
        if (options.Alerts is null || tracker.Last is not { } last)
        {
            return null;
        }

        var state = kind switch
        {
            AlertEventKind.CheckFailing => "is failing",
            AlertEventKind.CheckRecovered => "recovered",
            _ => $"{WatchJudge.Describe(tracker.Decision ?? MeasurementOutcome.Inconclusive)} for this window ({tracker.Reason})",
        };
        return new AlertEvent
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
        };
    }
}
