using System.Collections.Concurrent;
using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Secrets;
using Greenlight.Spec;
using Polly;
using Polly.Retry;

namespace Greenlight.Engine;

/// <summary>
/// Runs a spec's checks as a graph: each waits for its needs, then for a slot (at most
/// <see cref="RunOptions.Parallelism"/> at once). Exceptions from checks are turned into
/// <c>error</c> results here, the one place that catches them.
/// </summary>
internal sealed class RunEngine(SpecDocument spec, RunOptions options)
{
    private readonly TimeProvider _time = options.Time;
    private readonly ConcurrentDictionary<string, string> _captures = new(StringComparer.Ordinal);
    private readonly RunResources _resources = new();
    private readonly IReadOnlyDictionary<string, CheckDefinition> _byId = spec.Checks.ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>The spec's one redactor (built at load from every secret it knows); captured secrets join it.</summary>
    public Redactor Redactor { get; } = spec.Redactor;

    public async Task<RunReport> RunAsync(CancellationToken cancellationToken)
    {
        var selected = RunSelection.Select(spec, options);
        var startedAt = _time.GetUtcNow();
        var runId = options.RunId ?? Guid.CreateVersion7(startedAt).ToString("N");
        options.Observer?.RunStarted(runId, startedAt, selected);

        using var slots = new SemaphoreSlim(Math.Max(1, options.Parallelism));
        // One connection per slot: a smaller pool would hold --parallel to fewer requests in flight.
        using var http = new HttpClientCache(options.Parallelism);
        var tasks = new Dictionary<string, Task<CheckResult>>(StringComparer.Ordinal);

        // Spec order is not topological: create tasks depth-first so needs exist before their dependants.
        Task<CheckResult> TaskFor(CheckDefinition check)
        {
            if (!tasks.TryGetValue(check.Id, out var task))
            {
                var needs = check.Needs.Select(n => TaskFor(selected.First(c => c.Id == n))).ToList();
                task = RunWhenReadyAsync(check, needs, slots, http, cancellationToken);
                tasks[check.Id] = task;
            }

            return task;
        }

        foreach (var check in selected)
        {
            _ = TaskFor(check);
        }

        var results = new List<CheckResult>();
        try
        {
            foreach (var check in selected)
            {
                results.Add(await tasks[check.Id].ConfigureAwait(false));
            }
        }
        finally
        {
            // Booted apps and the like live until every check that could use them is done; what
            // they saw until then joins their check's evidence.
            foreach (var (owner, added) in await _resources.CloseAllAsync(_time))
            {
                var index = results.FindIndex(r => r.Id == owner);
                if (index >= 0 && added.Count > 0)
                {
                    var cut = added.Select(e => Cut(e with { Content = Redactor.Redact(e.Content) })).ToList();
                    results[index] = results[index] with { Evidence = [.. results[index].Evidence, .. cut] };
                    options.Observer?.CheckAmended(results[index], cut);
                }
            }
        }

        var interrupted = cancellationToken.IsCancellationRequested;
        // Waived checks are judged apart: listed as notes, never blocking until their waiver expires.
        var (verdict, reasons, notes) = VerdictRules.Decide([.. results.Where(r => !r.IsWaived)], interrupted);
        notes.AddRange(Waivers.WaiverSet.Notes(results));
        return new RunReport
        {
            RunId = runId,
            Spec = spec.Name,
            SpecPath = spec.Path,
            SpecHash = spec.Hash,
            Phase = options.Phase?.ToString().ToLowerInvariant() ?? "all",
            Environment = spec.Environment,
            Verdict = verdict,
            Reasons = [.. reasons.Select(Redactor.Redact)],
            Notes = [.. notes.Select(Redactor.Redact)],
            Interrupted = interrupted,
            StartedAt = startedAt,
            FinishedAt = _time.GetUtcNow(),
            Results = results,
            Provenance = options.Provenance,
        };
    }

    private async Task<CheckResult> RunWhenReadyAsync(
        CheckDefinition check, List<Task<CheckResult>> needs, SemaphoreSlim slots, HttpClientCache http, CancellationToken cancellationToken)
    {
        // Yield first so building the graph never runs a check inline.
        await Task.Yield();
        var needResults = await Task.WhenAll(needs);
        if (cancellationToken.IsCancellationRequested)
        {
            return Finish(Skipped(check, "not run: the run was interrupted", forNeed: false));
        }

        if (check.Unavailable is { } unavailable)
        {
            // Known at load (its target's variable is not set): an error without running, blocking only this check.
            return Finish(Skipped(check, unavailable, forNeed: false) with { Outcome = CheckOutcome.Error, Fix = check.Fix });
        }

        if (options.Waivers.NotRun(check, _time.GetUtcNow()) is { } waived)
        {
            return Finish(waived);
        }

        var failed = needResults.Where(r => !VerdictRules.Verified(r)).ToList();
        if (failed.Count > 0)
        {
            var reason = string.Join("; ", failed.Select(r => $"needs {r.Id}, which {VerdictRules.Describe(r.Outcome)}"));
            return Finish(Skipped(check, reason, forNeed: true) with { BlockedBy = [.. failed.Select(r => r.Id)] });
        }

        try
        {
            await slots.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return Finish(Skipped(check, "not run: the run was interrupted", forNeed: false));
        }

        var attempts = new AttemptLog();
        try
        {
            options.Observer?.CheckStarted(check);
            return Finish(await RunCheckAsync(check, http, attempts, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // An interrupted check keeps what its attempts saw: `show` tells how far it got.
            return Finish(Interrupted(check, attempts));
        }
        finally
        {
            slots.Release();
        }
    }

    private CheckResult Finish(CheckResult result)
    {
        var redacted = Redact(options.Waivers.Apply(result, _time.GetUtcNow()));
        options.Observer?.CheckFinished(redacted);
        return redacted;
    }

    private async Task<CheckResult> RunCheckAsync(CheckDefinition check, HttpClientCache http, AttemptLog attempts, CancellationToken cancellationToken)
    {
        attempts.StartedAt = _time.GetUtcNow();
        attempts.Began = _time.GetTimestamp();
        AttemptOutcome last;

        if (check.Retry.Attempts <= 1)
        {
            last = await AttemptAsync(check, 1, http, attempts, cancellationToken);
        }
        else
        {
            var pipeline = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = _time }
                .AddRetry(new RetryStrategyOptions<AttemptOutcome>
                {
                    // A deterministic mismatch (a 404, the wrong version) is retried only when the spec asks: retry.on.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && Retries(check.Retry, r.Outcome)),
                    OnRetry = args =>
                    {
                        options.Observer?.AttemptFailed(check, attempts.Records[^1], check.Retry.Attempts, args.RetryDelay);
                        return ValueTask.CompletedTask;
                    },
                    MaxRetryAttempts = check.Retry.Attempts - 1,
                    Delay = check.Retry.Delay,
                    MaxDelay = check.Retry.MaxDelay,
                    BackoffType = check.Retry.Backoff switch
                    {
                        BackoffKind.Linear => DelayBackoffType.Linear,
                        BackoffKind.Exponential => DelayBackoffType.Exponential,
                        _ => DelayBackoffType.Constant,
                    },
                    UseJitter = false,
                })
                .Build();
            last = await pipeline.ExecuteAsync(
                async token => await AttemptAsync(check, attempts.Records.Count + 1, http, attempts, token),
                cancellationToken);
        }

        if (last.Observation?.Resource is { } resource)
        {
            if (last.Outcome == CheckOutcome.Pass && !cancellationToken.IsCancellationRequested)
            {
                _resources.Open(check.Id, resource);
            }
            else
            {
                await resource.CloseAsync();
            }
        }

        var captures = new Dictionary<string, string>(StringComparer.Ordinal);
        if (last.Outcome == CheckOutcome.Pass)
        {
            foreach (var capture in check.Captures)
            {
                var value = AssertionEvaluator.ResolveSubject(capture.Subject, last.Observation!.Subjects);
                var text = value.Kind == ValueKind.Missing ? "" : value.AsText();
                if (SecretNames.LooksSecret(capture.Name))
                {
                    Redactor.Add(text);
                }

                _captures[$"{check.Id}.{capture.Name}"] = text;
                captures[capture.Name] = text;
            }
        }

        return CheckResult.For(check, last.Outcome) with
        {
            StartedAt = attempts.StartedAt,
            DurationMs = (long)_time.GetElapsedTime(attempts.Began).TotalMilliseconds,
            Attempts = attempts.Records.Count,
            AttemptLog = attempts.Records,
            // The kind's detail (a command's first output lines) ends the message of a check that did not pass.
            Message = last.Outcome is CheckOutcome.Fail or CheckOutcome.Error && last.Observation?.FailureDetail is { } detail ? $"{last.Message}\n{detail}" : last.Message,
            Fix = last.Outcome is CheckOutcome.Fail or CheckOutcome.Error ? check.FixFor(last.Assertions) : null,
            Assertions = last.Assertions,
            Evidence = last.Observation?.Evidence ?? [],
            Warnings = last.Observation?.Warnings ?? [],
            Captures = captures,
        };
    }

    private async Task<AttemptOutcome> AttemptAsync(
        CheckDefinition check, int number, HttpClientCache http, AttemptLog attempts, CancellationToken runToken)
    {
        var startedAt = _time.GetUtcNow();
        var began = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(check.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, timeout.Token);
        var context = new CheckRunContext
        {
            Check = check,
            Expand = Expand,
            Variables = spec.Variables,
            SpecDirectory = spec.Directory,
            Time = _time,
            Http = http,
            Attempt = number,
            SpecName = spec.Name,
            SpecHash = spec.Hash,
            Provenance = options.Provenance,
            Signoffs = options.Signoffs,
            Resources = _resources,
        };
        var marks = _resources.Mark(RunResources.Upstream(check, _byId));

        AttemptOutcome outcome;
        Observation? observation = null;
        try
        {
            // WaitAsync also abandons a probe that ignores its token, so a check can never hang the run.
            observation = await check.Probe.ObserveAsync(context, linked.Token).WaitAsync(linked.Token);
            foreach (var secret in observation.SecretValues)
            {
                Redactor.Add(secret);
            }

            // Evaluating assertions is part of the attempt: a slow one counts inside the timeout.
            outcome = await Task.Run(() => Evaluate(check, observation), linked.Token).WaitAsync(linked.Token);
            if (_time.GetElapsedTime(began) > check.Timeout)
            {
                // A starved timer can fire after a slow assertion has finished: the timeout still decides.
                throw new OperationCanceledException(linked.Token);
            }

            observation.Evidence.AddRange(await _resources.SeenSinceAsync(marks, settle: outcome.Outcome != CheckOutcome.Pass, CancellationToken.None));
            if (check.Retry.Attempts > number && Retries(check.Retry, outcome.Outcome) && observation.Resource is { } retried)
            {
                // A failed attempt that will be retried must not leave its app running.
                await retried.CloseAsync();
            }
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            await CloseAsync(observation);
            attempts.Records.Add(new AttemptRecord(number, CheckOutcome.Skipped,
                $"interrupted after {Units.FormatDuration(_time.GetElapsedTime(began).TotalMilliseconds)}", (long)_time.GetElapsedTime(began).TotalMilliseconds, startedAt));
            throw;
        }
        catch (OperationCanceledException)
        {
            await CloseAsync(observation);
            outcome = new AttemptOutcome(CheckOutcome.Error, $"timed out after {Units.FormatDuration(check.Timeout.TotalMilliseconds)}", [], null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await CloseAsync(observation);
            outcome = new AttemptOutcome(CheckOutcome.Error, $"{ex.GetType().Name}: {ex.Message}", [], null);
        }

        attempts.Records.Add(new AttemptRecord(number, outcome.Outcome, Redactor.RedactOrNull(outcome.Message), (long)_time.GetElapsedTime(began).TotalMilliseconds, startedAt));
        attempts.Last = outcome;
        return outcome;
    }

    // An outcome without its observation hands no app on: one that was started (a boot check that
    // became ready just as the timeout ran out) is stopped here, not left running for the run.
    private static async Task CloseAsync(Observation? observation)
    {
        if (observation?.Resource is { } resource)
        {
            await resource.CloseAsync();
        }
    }

    private AttemptOutcome Evaluate(CheckDefinition check, Observation observation)
    {
        if (observation.Error is not null)
        {
            return new AttemptOutcome(CheckOutcome.Error, observation.Error, [.. observation.Findings], observation);
        }

        if (observation.Pending is not null)
        {
            return new AttemptOutcome(CheckOutcome.Pending, observation.Pending, [.. observation.Findings], observation);
        }

        var assertions = new List<AssertionResult>(observation.Findings);
        foreach (var assertion in check.Expect)
        {
            assertions.Add(AssertionEvaluator.Evaluate(assertion, observation.Subjects, Expand, options.Baselines?.For(check.Id)));
        }

        var failures = assertions.Where(a => !a.Passed).ToList();
        return failures.Count == 0
            ? new AttemptOutcome(CheckOutcome.Pass, null, assertions, observation)
            // Nothing to compare with is inconclusive, never a pass: the check waits for a person (or a baseline run).
            : failures.All(f => f.NoBaseline) ? new AttemptOutcome(CheckOutcome.Pending, string.Join("; ", failures.Select(f => f.Describe())), assertions, observation)
            : new AttemptOutcome(failures.Any(f => f.CouldNotEvaluate) ? CheckOutcome.Error : CheckOutcome.Fail, string.Join("; ", failures.Select(f => f.Describe())), assertions, observation);
    }

    private static bool Retries(RetrySettings retry, CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Error => retry.On.HasFlag(RetryOn.Error),
        CheckOutcome.Fail => retry.On.HasFlag(RetryOn.Fail),
        _ => false,
    };

    private string Expand(string text) =>
        Interpolator.Expand(text, name => name.Contains('.', StringComparison.Ordinal) ? _captures.GetValueOrDefault(name) ?? _captures.GetValueOrDefault(CaptureNames.Canonical(name)) : spec.Variables.Lookup(name));

    private static CheckResult Skipped(CheckDefinition check, string reason, bool forNeed) => CheckResult.For(check, CheckOutcome.Skipped) with
    {
        Message = reason,
        SkippedForNeed = forNeed,
    };

    /// <summary>A check the run's interruption stopped: its attempts so far and what the last finished one saw.</summary>
    private CheckResult Interrupted(CheckDefinition check, AttemptLog attempts)
    {
        var records = attempts.Records;
        var finished = records.Count(a => a.Outcome != CheckOutcome.Skipped);
        var inFlight = records.Count > 0 && records[^1].Outcome == CheckOutcome.Skipped;
        var seen = string.Join("; ", records.Where(a => a.Outcome != CheckOutcome.Skipped).Select(a => $"{a.Outcome.Code()}{(a.Message is null ? "" : ": " + a.Message)}"));
        var reason = records.Count == 0 ? "not finished: the run was interrupted"
            : inFlight ? $"not finished: the run was interrupted during attempt {records.Count}" + (finished == 0 ? "" : $" ({finished} before it: {seen})")
            : $"not finished: the run was interrupted after attempt {records.Count} ({seen})";
        return Skipped(check, reason, forNeed: false) with
        {
            StartedAt = attempts.StartedAt,
            DurationMs = records.Count == 0 ? 0 : (long)_time.GetElapsedTime(attempts.Began).TotalMilliseconds,
            Attempts = records.Count,
            AttemptLog = [.. records],
            Assertions = attempts.Last?.Assertions ?? [],
            Evidence = attempts.Last?.Observation?.Evidence ?? [],
        };
    }

    private CheckResult Redact(CheckResult result) => result with
    {
        Title = Redactor.RedactOrNull(result.Title),
        Message = Redactor.RedactOrNull(result.Message),
        Fix = Redactor.RedactOrNull(result.Fix),
        Assertions = [.. result.Assertions.Select(a => a with
        {
            Expression = Redactor.Redact(a.Expression),
            Actual = Redactor.RedactOrNull(a.Actual),
            Expected = Redactor.RedactOrNull(a.Expected),
            Note = Redactor.RedactOrNull(a.Note),
            ActualValue = a.ActualValue is { Text: { } actual } av ? av with { Text = Redactor.Redact(actual) } : a.ActualValue,
            ExpectedValue = a.ExpectedValue is { Text: { } expected } ev ? ev with { Text = Redactor.Redact(expected) } : a.ExpectedValue,
        })],
        Evidence = [.. result.Evidence.Select(e => Cut(e with { Content = Redactor.Redact(e.Content) }))],
        Warnings = [.. result.Warnings.Select(Redactor.Redact)],
        Captures = result.Captures.ToDictionary(c => c.Key, c => Redactor.Redact(c.Value), StringComparer.Ordinal),
    };

    private EvidenceItem Cut(EvidenceItem item) =>
        item.Content.Length <= options.EvidenceLimit ? item : item with { Content = item.Content[..options.EvidenceLimit], FullLength = item.FullLength ?? item.Content.Length };

    /// <summary>The attempts of one check so far, kept outside the retry loop so an interruption does not lose them.</summary>
    private sealed class AttemptLog
    {
        public List<AttemptRecord> Records { get; } = [];
        public AttemptOutcome? Last { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public long Began { get; set; }
    }

    private sealed record AttemptOutcome(CheckOutcome Outcome, string? Message, IReadOnlyList<AssertionResult> Assertions, Observation? Observation);
}
