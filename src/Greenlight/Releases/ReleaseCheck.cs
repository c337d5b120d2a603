using Greenlight.Engine;
using Greenlight.Secrets;
using Greenlight.Spec;
using Greenlight.Store;

namespace Greenlight.Releases;

/// <summary>
/// The "run a release check" use case every host calls (<c>check</c> today; <c>watch</c>, <c>rollback</c>,
/// <c>serve</c> and <c>mcp</c> next): load the spec, read provenance, open the store, run the engine,
/// record every result as it finishes, and decide what to exit with. Hosts only render.
/// </summary>
internal static class ReleaseCheck
{
    public static async Task<ReleaseCheckOutcome> RunAsync(ReleaseCheckRequest request, CancellationToken cancellationToken)
    {
        // Provenance needs only the spec's folder: it is read on another thread while the spec parses
        // (a spec of hundreds of checks parses for tens of milliseconds), and so is the hash
        // library's first use, which loads OpenSSL.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var provenanceTask = Task.Run(() => ReadProvenanceAsync(Path.GetDirectoryName(Path.GetFullPath(request.SpecPath))!, request.Time, reading.Token), CancellationToken.None);
        SpecDocument spec;
        Waivers.WaiverSet waivers;
        try
        {
            spec = SpecLoader.LoadFile(request.SpecPath, request.LoadOptions);
            waivers = Waivers.WaiverSet.Load(request.WaiversPath, spec);
        }
        catch (SpecException ex)
        {
            await StopReadingAsync();
            return new ReleaseCheckOutcome
            {
                Status = ReleaseCheckStatus.SpecInvalid,
                Exit = ReleaseExit.BadInput,
                SpecErrors = ex.Errors,
                Redactor = ex.Redactor,
            };
        }

        var options = new RunOptions
        {
            Phase = request.Phase,
            Only = request.Only,
            Parallelism = request.Parallelism,
            EvidenceLimit = request.EvidenceLimit,
            Time = request.Time,
            Observer = request.Observer,
            Waivers = waivers,
        };
        try
        {
            // Before the store is touched, so a wrong --only records nothing.
            RunSelection.Select(spec, options);
        }
        catch (ArgumentException ex)
        {
            await StopReadingAsync();
            return new ReleaseCheckOutcome { Status = ReleaseCheckStatus.BadRequest, Exit = ReleaseExit.BadInput, Error = ex.Message };
        }

        var provenance = await provenanceTask;
        options = options with { Provenance = provenance };
        StoreRecorder? recorder = null;
        if (!request.NoStore)
        {
            try
            {
                var wait = new StoreWait(request.StoreWait, request.Time, request.Listener is { } l ? l.Notice : null);
                var store = await RunStoreFactory.OpenAsync(request.Store, request.SpecPath, wait, cancellationToken);
                options = options with { Signoffs = await Signoffs.SignoffService.PrepareAsync(store, spec, RunSelection.Select(spec, options), provenance, request.Prompter, request.Time, cancellationToken) };
                if (Baselines.BaselineLoader.ChecksNamingABaseline(spec).Count > 0)
                {
                    try
                    {
                        options = options with { Baselines = await Baselines.BaselineLoader.LoadAsync(store, spec, request.Baseline, cancellationToken) };
                    }
                    catch (StoreException ex) when (request.Baseline is not null)
                    {
                        return new ReleaseCheckOutcome { Status = ReleaseCheckStatus.BadRequest, Exit = ReleaseExit.BadInput, Error = $"--baseline: {ex.Message}" };
                    }
                }

                recorder = new StoreRecorder(store, spec, request.Phase?.Code() ?? "all", provenance, request.Observer, wait);
                options = options with { Observer = recorder };
            }
            catch (StoreException ex)
            {
                return new ReleaseCheckOutcome
                {
                    Status = ReleaseCheckStatus.StoreUnavailable,
                    Exit = ReleaseExit.BadInput,
                    Error = $"{ex.Message} (run with --no-store to check without recording)",
                };
            }
        }

        else
        {
            // Not recording this run, but sign-offs already given still count.
            options = options with
            {
                Signoffs = await Signoffs.SignoffService.ReadIfStoredAsync(request.Store, request.SpecPath, spec, cancellationToken),
                Baselines = Baselines.BaselineSet.None("no baseline: --no-store reads no earlier run"),
            };
        }

        var engine = new RunEngine(spec, options);
        request.Listener?.SpecLoaded(spec, spec.Warnings, engine.Redactor);
        var report = await engine.RunAsync(cancellationToken);
        string? storeFailure = null;
        if (recorder is not null)
        {
            await recorder.FinishAsync(report);
            storeFailure = recorder.Failure;
        }

        return new ReleaseCheckOutcome
        {
            Status = ReleaseCheckStatus.Ran,
            Exit = ExitFor(report, request.Strict),
            Report = report,
            Spec = spec,
            Redactor = engine.Redactor,
            StoreDescription = recorder?.Describe,
            StoreFailure = storeFailure,
        };

        // Nothing will run: a git still reading is stopped, and waited for.
        async Task StopReadingAsync()
        {
            await reading.CancelAsync();
            await provenanceTask;
        }
    }

    private static async Task<RunProvenance> ReadProvenanceAsync(string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        WarmUpHashing();
        try
        {
            return await RunProvenance.DetectAsync(directory, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted this early (or nothing will run): the engine still reports (and records) an interrupted run.
            return new RunProvenance(Environment.UserName, Environment.MachineName, null, null);
        }
    }

    /// <summary>The spec's hash loads OpenSSL on first use (4–6 ms); done here, it happens off the parse's thread.</summary>
    private static void WarmUpHashing()
    {
        try
        {
            System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or PlatformNotSupportedException or TypeInitializationException or DllNotFoundException)
        {
            // Only a warm-up: the spec's own hash says what is wrong, where it is needed.
        }
    }

    /// <summary>Interrupted wins; then NO-GO; GO WITH WARNINGS is NO-GO only when strict.</summary>
    public static ReleaseExit ExitFor(RunReport report, bool strict) =>
        report.Interrupted ? ReleaseExit.Interrupted
        : report.Verdict == Verdict.NoGo ? ReleaseExit.NoGo
        : report.Verdict == Verdict.GoWithWarnings && strict ? ReleaseExit.NoGo
        : ReleaseExit.Go;
}
