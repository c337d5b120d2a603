using System.ComponentModel;
using System.Diagnostics;

namespace Greenlight.Processes;

/// <summary>
/// A process that keeps running while checks use it (a booted app). It leads its own process group,
/// dies with greenlight (parent-death signal, even on SIGKILL), and is stopped with SIGTERM to the
/// whole group, then SIGKILL after a grace period, so no orphan is ever left behind.
/// </summary>
internal sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _pumps;
    private readonly TimeSpan _grace;
    private int _stopped;

    private BackgroundProcess(Process process, TimeSpan grace)
    {
        _process = process;
        _grace = grace;
        Id = process.Id;
        Exited = WaitForExitAsync(process);
        _pumps = Task.WhenAll(
            Output.PumpAsync(process.StandardOutput.BaseStream, CancellationToken.None),
            Output.PumpAsync(process.StandardError.BaseStream, CancellationToken.None));
    }

    public int Id { get; }

    public OutputTail Output { get; } = new();

    /// <summary>Waits (briefly) until stdout and stderr are read to their end, after the process exited.</summary>
    public Task DrainedAsync(TimeSpan limit) => Task.WhenAny(_pumps, Task.Delay(limit));

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited { get; }

    /// <param name="request">What to run.</param>
    /// <param name="stopGrace">How long SIGTERM has before SIGKILL.</param>
    /// <param name="parentDeathSignal">What the process gets if greenlight dies (KILL, or HUP for a supervisor that cleans up).</param>
    public static BackgroundProcess Start(ProcessRequest request, TimeSpan stopGrace, string parentDeathSignal = "KILL")
    {
        // setpriv --pdeathsig SIGNAL -- setsid PROGRAM …: signalled if greenlight dies, leader of its own group.
        var launchers = new List<string>();
        if (ProcessGroup.SetprivPath is { } setpriv)
        {
            launchers.AddRange([setpriv, "--pdeathsig", parentDeathSignal, "--"]);
        }

        if (ProcessGroup.SetsidPath is { } setsid)
        {
            launchers.Add(setsid);
        }

        var start = request.ToStartInfo(launchers, request.FileName);
        var process = new Process { StartInfo = start };
        try
        {
            ProcessLauncher.Start(process);
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new ProcessStartException($"cannot start `{request.FileName}`: {ex.Message}");
        }

        process.StandardInput.Close();
        return new BackgroundProcess(process, stopGrace);
    }

    /// <summary>SIGTERM to the group; SIGKILL when it has not ended after the grace period.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            await Exited;
            return;
        }

        ProcessGroup.Terminate(Id);
        if (await Task.WhenAny(Exited, Task.Delay(_grace)) != Exited)
        {
            ProcessGroup.Kill(Id);
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await Exited;
        }

        // The app may have left children in its group: end them too.
        ProcessGroup.Kill(Id);
        await Task.WhenAny(_pumps, Task.Delay(TimeSpan.FromSeconds(2)));
        _process.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task<int> WaitForExitAsync(Process process)
    {
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }
}
