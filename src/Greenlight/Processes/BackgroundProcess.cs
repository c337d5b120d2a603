using System.Diagnostics;

namespace Greenlight.Processes;

/// <summary>
/// A process that keeps running while checks use it (a booted app). It runs under the
/// <see cref="Supervisor"/> in a <see cref="ProcessScope"/> of its own, dies with greenlight (even
/// on SIGKILL), and is stopped with SIGTERM to everything in its scope, then SIGKILL after a grace
/// period, so no orphan is ever left behind, not even a daemon that left its session.
/// </summary>
internal sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessScope _scope;
    private readonly Task _pumps;
    private readonly TimeSpan _grace;
    private readonly TimeProvider _time;
    private Task<StopReport>? _stopping;

    private BackgroundProcess(Process process, ProcessScope scope, TimeSpan grace, TimeProvider time)
    {
        _process = process;
        _scope = scope;
        _grace = grace;
        _time = time;
        Id = process.Id;
        Exited = WaitForExitAsync(process);
        _pumps = Task.WhenAll(
            Output.PumpAsync(process.StandardOutput.BaseStream, CancellationToken.None),
            Output.PumpAsync(process.StandardError.BaseStream, CancellationToken.None));
    }

    public int Id { get; }

    public OutputTail Output { get; } = new();

    /// <summary>Where its processes are tracked (cgroup folder or session).</summary>
    public string Scope => _scope.Describe();

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited { get; }

    /// <summary>Waits (briefly) until stdout and stderr are read to their end, after the process exited.</summary>
    public Task DrainedAsync(TimeSpan limit) => Task.WhenAny(_pumps, Task.Delay(limit, _time));

    /// <param name="request">What to run.</param>
    /// <param name="stopGrace">How long SIGTERM has before SIGKILL.</param>
    /// <param name="time">The clock for every wait.</param>
    public static BackgroundProcess Start(ProcessRequest request, TimeSpan stopGrace, TimeProvider time)
    {
        var scope = ProcessScope.Create(time);
        try
        {
            return new BackgroundProcess(Supervisor.Start(request, request.FileName, scope), scope, stopGrace, time);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    /// <summary>SIGTERM to the scope; SIGKILL when it has not ended after the grace period. Idempotent.</summary>
    public Task<StopReport> StopAsync() => StopAsync(graceful: true);

    /// <summary>SIGKILL to the scope at once: for an app that never became ready, whose shutdown nobody waits for.</summary>
    public Task<StopReport> KillAsync() => StopAsync(graceful: false);

    private Task<StopReport> StopAsync(bool graceful)
    {
        lock (_pumps)
        {
            return _stopping ??= StopCoreAsync(graceful);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<StopReport> StopCoreAsync(bool graceful)
    {
        var exitedBefore = Exited.IsCompleted;
        var killed = !graceful && !exitedBefore;
        if (killed)
        {
            _scope.KillNow();
        }
        else if (!exitedBefore)
        {
            _scope.Signal(ProcessGroup.SigTerm);
            if (await Task.WhenAny(Exited, Task.Delay(_grace, _time)) != Exited)
            {
                killed = true;
                _scope.KillNow();
            }
        }

        // The app may have left children, in its group or not: end them too, and wait until they are gone.
        var left = await _scope.KillAndWaitAsync(_time, TimeSpan.FromSeconds(5));
        await Exited;
        await Task.WhenAny(_pumps, Task.Delay(TimeSpan.FromSeconds(2), _time));
        _scope.Dispose();
        var code = Exited.Result;
        _process.Dispose();
        return new StopReport(exitedBefore, killed, code, left);
    }

    private static async Task<int> WaitForExitAsync(Process process)
    {
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }

    /// <summary>How the process ended: by itself before the stop, after SIGTERM, or by SIGKILL after the grace.</summary>
    public sealed record StopReport(bool ExitedBefore, bool Killed, int ExitCode, IReadOnlyList<int> Left);
}
