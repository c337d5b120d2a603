using System.Collections.Concurrent;
using System.Diagnostics;

namespace Greenlight.Processes;

/// <summary>
/// Starts processes from one thread that lives as long as greenlight. Linux sends the parent-death
/// signal (setpriv --pdeathsig) when the forking *thread* exits, not the process; forking from a
/// thread-pool thread would kill a booted app whenever the pool retires that thread.
/// </summary>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource<Exception?> Done)> Queue = [];

    static ProcessLauncher()
    {
        var thread = new Thread(() =>
        {
            foreach (var (process, done) in Queue.GetConsumingEnumerable())
            {
                try
                {
                    process.Start();
                    done.SetResult(null);
                }
                catch (Exception ex)
                {
                    done.SetResult(ex);
                }
            }
        })
        {
            IsBackground = true,
            Name = "greenlight process launcher",
        };
        thread.Start();
    }

    public static void Start(Process process)
    {
        var done = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((process, done));
        if (done.Task.GetAwaiter().GetResult() is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
    }
}
