using System.Text;

namespace Greenlight.Processes;

/// <summary>
/// Runs a process to its end or until cancelled, under the <see cref="Supervisor"/> and in a
/// <see cref="ProcessScope"/> of its own. Cancellation SIGKILLs the whole scope at once (from the
/// cancellation callback, before anything else runs) and the returned task completes only when
/// nothing of it is left, so a caller that awaits it knows no process outlived the check.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>How long a killed scope may take to be gone before it is reported.</summary>
    private static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(5);

    public static async Task<ProcessOutcome> RunAsync(ProcessRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        var executable = ResolveExecutable(request.FileName, request.Environment)
            ?? throw new ProcessStartException($"`{request.FileName}` was not found (not a file, and not on PATH)");
        cancellationToken.ThrowIfCancellationRequested();
        using var scope = ProcessScope.Create(time);
        var began = time.GetTimestamp();
        using var process = Supervisor.Start(request, executable, scope);
        using var readers = new CancellationTokenSource();
        var stdout = DrainAsync(process.StandardOutput.BaseStream, request.MaxOutputBytes, readers.Token);
        var stderr = DrainAsync(process.StandardError.BaseStream, request.MaxOutputBytes, readers.Token);
        try
        {
            // Killed from the callback itself: the signal is sent before Cancel() returns.
            using (cancellationToken.UnsafeRegister(static s => ((ProcessScope)s!).KillNow(), scope))
            {
                await process.WaitForExitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            await scope.KillAndWaitAsync(time, KillLimit);
            await readers.CancelAsync();
            throw;
        }

        var elapsed = time.GetElapsedTime(began);

        // Leftover background children of a finished command would be orphans, and a child that
        // inherited the pipes keeps them open: end the whole scope, then the readers see end-of-file.
        var left = await scope.KillAndWaitAsync(time, KillLimit);
        var drained = Task.WhenAll(stdout, stderr);
        if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(2), time, CancellationToken.None)) != drained)
        {
            await readers.CancelAsync();
        }

        var (outText, outBytes) = await stdout.ConfigureAwait(false);
        var (errText, errBytes) = await stderr.ConfigureAwait(false);
        return new ProcessOutcome(process.ExitCode, outText, outBytes, errText, errBytes, elapsed)
        {
            Scope = scope.Describe(),
            Left = left,
        };
    }

    /// <summary>Reads a stream to its end, keeping at most <paramref name="limit"/> bytes and counting the rest.</summary>
    private static async Task<(string Text, long Bytes)> DrainAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        long total = 0;
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += n;
                var room = limit - kept.Length;
                if (room > 0)
                {
                    kept.Write(buffer, 0, (int)Math.Min(room, n));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Keep what was read.
        }
        catch (IOException)
        {
            // The pipe was closed under us when the group was killed.
        }

        return (Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length), total);
    }

    private static string? ResolveExecutable(string name, IReadOnlyDictionary<string, string> environment)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return System.IO.File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var path = environment.GetValueOrDefault("PATH") ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(System.IO.File.Exists);
    }
}
