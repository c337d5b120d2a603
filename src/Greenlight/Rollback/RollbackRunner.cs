using Greenlight.Alerts;
using Greenlight.Engine;
using Greenlight.Processes;
using Greenlight.Secrets;
using Greenlight.Spec;
using Greenlight.Store;

namespace Greenlight.Rollback;

/// <summary>
/// The way back: runs the spec's rollback steps in order (each with its env, folder and timeout,
/// its output kept as evidence), stops at the first that fails, then re-runs the spec's post checks
/// to verify. The steps are one run in the store (phase <c>rollback</c>), the verification another.
/// </summary>
internal sealed class RollbackRunner(SpecDocument spec, RollbackOptions options)
{
    private const int OutputKept = 64 * 1024;

    public Redactor Redactor { get; } = new(spec.Variables.SecretValues().Concat(spec.Targets.Values.Select(Redactor.PasswordOf).OfType<string>()));

    /// <summary>The steps as they will run (expanded, redacted), for the confirmation and --dry-run.</summary>
    public IReadOnlyList<(string Name, string Command, string Folder, TimeSpan Timeout)> Describe() =>
        [.. spec.Rollback.Select(s => (Redactor.Redact(Expand(s.DisplayName)), Redactor.Redact(Expand(s.Run)), Folder(s), s.Timeout))];

    public async Task<RollbackReport> RunAsync(CancellationToken cancellationToken)
    {
        var time = options.Time;
        var startedAt = time.GetUtcNow();
        var runId = Guid.CreateVersion7(startedAt).ToString("N");
        options.Alerts?.Publish(new AlertEvent { Kind = AlertEventKind.RollbackStarted, At = startedAt, Summary = $"{spec.Name}: rollback started ({spec.Rollback.Count} step{(spec.Rollback.Count == 1 ? "" : "s")}){(options.Reason is null ? "" : ": " + Redactor.Redact(options.Reason))}" });
        if (options.Store is { } store)
        {
            await using var c = await store.ConnectAsync(cancellationToken);
            await using var t = await c.BeginTransactionAsync(cancellationToken);
            await SqlRunStore.InsertRunAsync(c, t, runId, spec.Name, spec.Path, spec.Hash, "rollback", startedAt, spec.Rollback.Count, options.Provenance, spec.Environment, cancellationToken);
            await t.CommitAsync(cancellationToken);
        }

        var results = new List<RollbackStepResult>();
        var interrupted = false;
        for (var i = 0; i < spec.Rollback.Count; i++)
        {
            var step = spec.Rollback[i];
            options.StepStarted?.Invoke(i, Redactor.Redact(Expand(step.DisplayName)));
            var result = await RunStepAsync(i, step, cancellationToken);
            results.Add(result);
            options.StepFinished?.Invoke(result);
            if (options.Store is { } s)
            {
                await using var c = await s.ConnectAsync(CancellationToken.None);
                await using var t = await c.BeginTransactionAsync(CancellationToken.None);
                await using (var batch = new SqlBatch(c, t))
                {
                    await SqlRunStore.InsertResultAsync(batch, runId, i, AsResult(result), CancellationToken.None);
                }

                await t.CommitAsync(CancellationToken.None);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }

            if (!result.Succeeded)
            {
                break;
            }
        }

        var failed = results.FirstOrDefault(r => !r.Succeeded);
        var notRun = spec.Rollback.Skip(results.Count).Select(s => Redactor.Redact(Expand(s.DisplayName))).ToList();
        var finishedAt = time.GetUtcNow();
        var verdict = failed is null && !interrupted ? Verdict.Go : Verdict.NoGo;
        var reasons = failed is null
            ? interrupted ? ["the rollback was interrupted"] : new List<string>()
            : [$"step {failed.Index + 1} ({failed.Name}) failed: {failed.Message}" + (failed.Index > 0 ? $"; steps run before it: {string.Join(", ", results.Take(failed.Index).Select(r => r.Name))}" : "") + (notRun.Count > 0 ? $"; not run: {string.Join(", ", notRun)}" : "")];
        if (options.Store is { } st)
        {
            await using var c = await st.ConnectAsync(CancellationToken.None);
            await using var t = await c.BeginTransactionAsync(CancellationToken.None);
            await SqlRunStore.FinishRunAsync(c, t, new RunReport
            {
                RunId = runId, Spec = spec.Name, SpecPath = spec.Path, SpecHash = spec.Hash, Phase = "rollback", Verdict = verdict,
                Reasons = reasons, Interrupted = interrupted, StartedAt = startedAt, FinishedAt = finishedAt, Results = [],
            }, CancellationToken.None);
            await t.CommitAsync(CancellationToken.None);
        }

        RunReport? verification = null;
        if (failed is null && !interrupted && options.Verify is { } verify)
        {
            verification = await verify(cancellationToken);
        }

        var report = new RollbackReport { RunId = runId, Steps = results, NotRun = notRun, Interrupted = interrupted, Verification = verification };
        if (!interrupted)
        {
            options.Alerts?.Publish(failed is not null
                ? new AlertEvent { Kind = AlertEventKind.RollbackFailed, At = finishedAt, Verdict = Verdict.NoGo, Message = failed.Message, Summary = $"{spec.Name}: rollback FAILED: {reasons[0]}" }
                : new AlertEvent
                {
                    Kind = AlertEventKind.RollbackSucceeded, At = finishedAt, Verdict = verification?.Verdict,
                    Summary = $"{spec.Name}: rollback done ({results.Count} step{(results.Count == 1 ? "" : "s")})" + (verification is null ? "" : $"; post checks after it: {VerdictRules.Spell(verification.Verdict)}"),
                });
        }

        return report;
    }

    private async Task<RollbackStepResult> RunStepAsync(int index, RollbackStep step, CancellationToken cancellationToken)
    {
        var time = options.Time;
        var startedAt = time.GetUtcNow();
        var name = Redactor.Redact(Expand(step.DisplayName));
        var command = Expand(step.Run);
        var folder = Folder(step);
        var request = new ProcessRequest
        {
            FileName = "/bin/sh",
            Arguments = ["-c", command],
            Environment = step.Env.ToDictionary(e => e.Name, e => Expand(e.Value), StringComparer.Ordinal),
            WorkingDirectory = folder,
            MaxOutputBytes = OutputKept,
        };
        if (!Directory.Exists(folder))
        {
            return new RollbackStepResult(index, name, Redactor.Redact(command), false, null, "", "", 0, $"working folder {folder} does not exist", startedAt);
        }

        using var timeout = new CancellationTokenSource(step.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var began = time.GetTimestamp();
        try
        {
            var outcome = await ProcessRunner.RunAsync(request, time, linked.Token);
            var ok = outcome.ExitCode == 0;
            return new RollbackStepResult(index, name, Redactor.Redact(command), ok, outcome.ExitCode, Redactor.Redact(outcome.Stdout), Redactor.Redact(outcome.Stderr),
                (long)outcome.Duration.TotalMilliseconds, ok ? null : $"exit code {outcome.ExitCode}" + (LastLine(outcome.Stderr) is { } l ? $": {Redactor.Redact(l)}" : ""), startedAt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RollbackStepResult(index, name, Redactor.Redact(command), false, null, "", "", (long)time.GetElapsedTime(began).TotalMilliseconds,
                $"timed out after {Assertions.Units.FormatDuration(step.Timeout.TotalMilliseconds)} (its processes were killed)", startedAt);
        }
        catch (OperationCanceledException)
        {
            return new RollbackStepResult(index, name, Redactor.Redact(command), false, null, "", "", (long)time.GetElapsedTime(began).TotalMilliseconds, "interrupted", startedAt);
        }
        catch (ProcessStartException ex)
        {
            return new RollbackStepResult(index, name, Redactor.Redact(command), false, null, "", "", 0, Redactor.Redact(ex.Message), startedAt);
        }
    }

    private string Folder(RollbackStep step) =>
        step.Cwd is null ? spec.Directory : Path.GetFullPath(Path.Combine(spec.Directory, Expand(step.Cwd)));

    private string Expand(string text) => Interpolator.Expand(text, name => name.Contains('.', StringComparison.Ordinal) ? null : spec.Variables.Lookup(name));

    private static string? LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    private static CheckResult AsResult(RollbackStepResult step) => new()
    {
        Id = $"rollback.step-{step.Index + 1}",
        Title = step.Name,
        Kind = "rollback",
        Phase = Greenlight.Spec.Phase.Post,
        Severity = Greenlight.Spec.Severity.Critical,
        Outcome = step.Succeeded ? CheckOutcome.Pass : CheckOutcome.Fail,
        StartedAt = step.StartedAt,
        DurationMs = step.DurationMs,
        Attempts = 1,
        Message = step.Message,
        Evidence =
        [
            new Checks.EvidenceItem("command", step.Command),
            new Checks.EvidenceItem("exit", step.ExitCode is { } code ? $"exit code {code}" : step.Message ?? "did not finish"),
            new Checks.EvidenceItem("stdout", step.Stdout),
            new Checks.EvidenceItem("stderr", step.Stderr),
        ],
    };
}
