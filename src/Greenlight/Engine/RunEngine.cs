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
    private readonly ConcurrentBag<IAsyncDisposable> _keptAlive = [];

    public Redactor Redactor { get; } = new(spec.Variables.SecretValues().Concat(spec.Targets.Values.Select(Redactor.PasswordOf).OfType<string>()));

    public async Task<RunReport> RunAsync(CancellationToken cancellationToken)
    {
        var selected = RunSelection.Select(spec, options);
        var startedAt = _time.GetUtcNow();
        var runId = options.RunId ?? Guid.CreateVersion7(startedAt).ToString("N");
        options.Observer?.RunStarted(runId, startedAt, selected);

        using var slots = new SemaphoreSlim(Math.Max(1, options.Parallelism));
        using var http = new HttpClientCache();
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
            // Booted apps and the like live until every check that could use them is done.
            foreach (var resource in _keptAlive)
            {
                await resource.DisposeAsync();
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

        if (options.Waivers.NotRun(check, _time.GetUtcNow()) is { } waived)
        {
            return Finish(waived);
        }

        var failed = needResults.Where(r => r.Outcome != CheckOutcome.Pass).ToList();
        if (failed.Count > 0)
        {
            var reason = string.Join("; ", failed.Select(r => $"needs {r.Id}, which {VerdictRules.Describe(r.Outcome)}"));
            return Finish(Skipped(check, reason, forNeed: true));
        }

        try
        {
            await slots.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return Finish(Skipped(check, "not run: the run was interrupted", forNeed: false));
        }

        try
        {
            options.Observer?.CheckStarted(check);
            return Finish(await RunCheckAsync(check, http, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(Skipped(check, "not finished: the run was interrupted", forNeed: false));
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

    private async Task<CheckResult> RunCheckAsync(CheckDefinition check, HttpClientCache http, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var began = _time.GetTimestamp();
        var attempts = new List<AttemptRecord>();
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
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Outcome: CheckOutcome.Fail or CheckOutcome.Error }),
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
                async token => await AttemptAsync(check, attempts.Count + 1, http, attempts, token),
                cancellationToken);
        }

        if (last.Observation?.KeepAlive is { } keepAlive)
        {
            if (last.Outcome == CheckOutcome.Pass && !cancellationToken.IsCancellationRequested)
            {
                _keptAlive.Add(keepAlive);
            }
            else
            {
                await keepAlive.DisposeAsync();
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

        return new CheckResult
        {
            Id = check.Id,
            Title = check.Title,
            Kind = check.Kind.Name,
            Phase = check.Phase.ToString().ToLowerInvariant(),
            Severity = check.Severity.ToString().ToLowerInvariant(),
            Area = check.Area,
            Source = check.Source,
            Outcome = last.Outcome,
            StartedAt = startedAt,
            DurationMs = (long)_time.GetElapsedTime(began).TotalMilliseconds,
            Attempts = attempts.Count,
            AttemptLog = attempts,
            Message = last.Message,
            Fix = last.Outcome is CheckOutcome.Fail or CheckOutcome.Error ? check.Fix : null,
            Assertions = last.Assertions,
            Evidence = last.Observation?.Evidence ?? [],
            Warnings = last.Observation?.Warnings ?? [],
            Captures = captures,
        };
    }

    private async Task<AttemptOutcome> AttemptAsync(
        CheckDefinition check, int number, HttpClientCache http, List<AttemptRecord> attempts, CancellationToken runToken)
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
        };

        AttemptOutcome outcome;
        try
        {
            // WaitAsync also abandons a probe that ignores its token, so a check can never hang the run.
            var observation = await check.Probe.ObserveAsync(context, linked.Token).WaitAsync(linked.Token);
            outcome = Evaluate(check, observation);
            if (outcome.Outcome != CheckOutcome.Pass && check.Retry.Attempts > number && observation.KeepAlive is { } retried)
            {
                // A failed attempt that will be retried must not leave its app running.
                await retried.DisposeAsync();
            }
        }
        catch (OperationCanceledException) when (!runToken.IsCancellationRequested)
        {
            outcome = new AttemptOutcome(CheckOutcome.Error, $"timed out after {Units.FormatDuration(check.Timeout.TotalMilliseconds)}", [], null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome = new AttemptOutcome(CheckOutcome.Error, $"{ex.GetType().Name}: {ex.Message}", [], null);
        }

        attempts.Add(new AttemptRecord(number, outcome.Outcome, Redactor.RedactOrNull(outcome.Message), (long)_time.GetElapsedTime(began).TotalMilliseconds, startedAt));
        return outcome;
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
            assertions.Add(AssertionEvaluator.Evaluate(assertion, observation.Subjects, Expand));
        }

        var failures = assertions.Where(a => !a.Passed).ToList();
        return failures.Count == 0
            ? new AttemptOutcome(CheckOutcome.Pass, null, assertions, observation)
            : new AttemptOutcome(CheckOutcome.Fail, string.Join("; ", failures.Select(f => f.Describe())), assertions, observation);
    }

    private string Expand(string text) =>
        Interpolator.Expand(text, name => name.Contains('.', StringComparison.Ordinal) ? _captures.GetValueOrDefault(name) ?? _captures.GetValueOrDefault(CaptureNames.Canonical(name)) : spec.Variables.Lookup(name));

    private static CheckResult Skipped(CheckDefinition check, string reason, bool forNeed) => new()
    {
        Id = check.Id,
        Title = check.Title,
        Kind = check.Kind.Name,
        Phase = check.Phase.ToString().ToLowerInvariant(),
        Severity = check.Severity.ToString().ToLowerInvariant(),
        Area = check.Area,
        Source = check.Source,
        Outcome = CheckOutcome.Skipped,
        Message = reason,
        SkippedForNeed = forNeed,
    };

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
        })],
        Evidence = [.. result.Evidence.Select(e => Cut(e with { Content = Redactor.Redact(e.Content) }))],
        Warnings = [.. result.Warnings.Select(Redactor.Redact)],
        Captures = result.Captures.ToDictionary(c => c.Key, c => Redactor.Redact(c.Value), StringComparer.Ordinal),
    };

    private EvidenceItem Cut(EvidenceItem item) =>
        item.Content.Length <= options.EvidenceLimit ? item : item with { Content = item.Content[..options.EvidenceLimit], FullLength = item.FullLength ?? item.Content.Length };

    private sealed record AttemptOutcome(CheckOutcome Outcome, string? Message, IReadOnlyList<AssertionResult> Assertions, Observation? Observation);
}
