using Greenlight.Engine;
using Greenlight.Spec;
using Greenlight.Store;

namespace Greenlight.Rollback;

/// <summary>After a rollback, the spec's post checks are run again (and recorded) to prove the way back worked.</summary>
internal static class PostCheckVerifier
{
    public static Func<CancellationToken, Task<RunReport>>? For(SpecDocument spec, SqlRunStore? store, RunProvenance provenance, IRunObserver? observer, TimeProvider time)
    {
        if (spec.Checks.All(c => c.Phase != Phase.Post))
        {
            return null;
        }

        return async cancellationToken =>
        {
            StoreRecorder? recorder = store is null ? null : new StoreRecorder(store, spec, "post", provenance, observer);
            var engine = new RunEngine(spec, new RunOptions { Phase = Phase.Post, Observer = (IRunObserver?)recorder ?? observer, Provenance = provenance, Time = time });
            var report = await engine.RunAsync(cancellationToken);
            if (recorder is not null)
            {
                await recorder.FinishAsync(report);
            }

            return report;
        };
    }
}
