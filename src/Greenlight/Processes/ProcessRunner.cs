using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Greenlight.Processes;

/// <summary>
/// Runs a process to its end or until cancelled. Cancellation kills the whole process group, so a
/// command that never exits, or forks children that do not, never outlives its check.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessOutcome> RunAsync(ProcessRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        var executable = ResolveExecutable(request.FileName, request.Environment)
            ?? throw new ProcessStartException($"`{request.FileName}` was not found (not a file, and not on PATH)");
        var start = request.ToStartInfo(ProcessGroup.SetsidPath is { } setsid ? [setsid] : [], executable);

        using var process = new Process { StartInfo = start };
        var began = time.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ProcessStartException($"cannot start `{request.FileName}`: {ex.Message}");
        }

        process.StandardInput.Close();
        using var readers = new CancellationTokenSource();
        var stdout = DrainAsync(process.StandardOutput.BaseStream, request.MaxOutputBytes, readers.Token);
        var stderr = DrainAsync(process.StandardError.BaseStream, request.MaxOutputBytes, readers.Token);
        var pid = process.Id;
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            KillTree(process, pid);
            await readers.CancelAsync();
            throw;
        }

        var elapsed = time.GetElapsedTime(began);

        // A child that inherited the pipes can keep them open after the parent exits: give the
        // readers a moment, then end the rest of the group so they see end-of-file.
        var drained = Task.WhenAll(stdout, stderr);
        if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(2), time, CancellationToken.None)) != drained)
        {
            ProcessGroup.Kill(pid);
            if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(2), time, CancellationToken.None)) != drained)
            {
                await readers.CancelAsync();
            }
        }
        else if (ProcessGroup.SetsidPath is not null)
        {
            // Leftover background children of a finished command would be orphans: end them.
            ProcessGroup.Kill(pid);
        }

        var (outText, outBytes) = await stdout.ConfigureAwait(false);
        var (errText, errBytes) = await stderr.ConfigureAwait(false);
        return new ProcessOutcome(process.ExitCode, outText, outBytes, errText, errBytes, elapsed);
    }

    private static void KillTree(Process process, int pid)
    {
        ProcessGroup.Kill(pid);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
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
