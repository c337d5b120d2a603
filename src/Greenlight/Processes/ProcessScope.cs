using System.Globalization;

namespace Greenlight.Processes;

/// <summary>
/// Everything one started process left running, found and stopped as one. Two modes:
/// <b>cgroup</b> (a cgroup v2 folder of its own: catches every descendant, daemons that call
/// setsid included, even when greenlight was SIGKILLed) and <b>session</b> (where cgroups cannot be
/// used: the process group and session the supervisor leads, the parent chain below them, and a
/// marker variable every descendant inherits; found by reading /proc when it is time to stop).
/// </summary>
internal sealed class ProcessScope : IDisposable
{
    /// <summary>Inherited by every descendant; how a daemon that left the session is still found.</summary>
    public const string MarkerVariable = "GREENLIGHT_SCOPE";

    private const int SigKill = 9;
    private static int _counter;

    private ProcessScope(string? cgroup)
    {
        CgroupPath = cgroup;
        Marker = $"{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}";
    }

    /// <summary>The scope's cgroup folder, or null in session mode.</summary>
    public string? CgroupPath { get; }

    public string Marker { get; }

    /// <summary>The supervisor's pid: it leads the session and the process group.</summary>
    public int RootId { get; set; }

    public string Mode => CgroupPath is null ? "session" : "cgroup";

    public string Describe() => CgroupPath is not null
        ? $"cgroup {CgroupPath}"
        : $"session {RootId} and its descendants ({CgroupSupport.Reason})";

    public static ProcessScope Create(TimeProvider time)
    {
        if (CgroupSupport.Root is { } root)
        {
            SweepEmpty(root, time.GetUtcNow().UtcDateTime);
            var path = Path.Combine(root, $"{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");
            try
            {
                Directory.CreateDirectory(path);
                return new ProcessScope(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Fall back to session tracking for this one.
            }
        }

        return new ProcessScope(null);
    }

    /// <summary>The living processes of the scope (zombies excluded), never greenlight itself.</summary>
    public IReadOnlyList<int> Members()
    {
        var table = ProcTable.Read();
        var members = new HashSet<int>();
        if (CgroupPath is not null)
        {
            foreach (var pid in CgroupProcs())
            {
                members.Add(pid);
            }
        }

        foreach (var process in table.Values)
        {
            if (RootId > 0 && (process.Session == RootId || process.Group == RootId || process.Pid == RootId))
            {
                members.Add(process.Pid);
            }
        }

        foreach (var pid in table.Keys)
        {
            if (!members.Contains(pid) && ProcTable.HasVariable(pid, MarkerVariable, Marker))
            {
                members.Add(pid);
            }
        }

        // Descendants by parent chain: a child that made a session of its own and dropped the variable.
        var added = true;
        while (added)
        {
            added = false;
            foreach (var process in table.Values)
            {
                if (!members.Contains(process.Pid) && members.Contains(process.Parent))
                {
                    members.Add(process.Pid);
                    added = true;
                }
            }
        }

        members.Remove(Environment.ProcessId);
        return [.. members.Where(p => table.TryGetValue(p, out var s) ? !s.Zombie : ProcTable.IsAlive(p)).Order()];
    }

    /// <summary>Sends <paramref name="signal"/> to every member (the group first, so nothing forks in between unseen).</summary>
    public void Signal(int signal)
    {
        if (RootId > 0)
        {
            ProcessGroup.Send(-RootId, signal);
        }

        foreach (var pid in Members())
        {
            ProcessGroup.Send(pid, signal);
        }
    }

    /// <summary>SIGKILL at once, without waiting (safe from a cancellation callback).</summary>
    public void KillNow()
    {
        if (CgroupPath is not null)
        {
            TryWrite(Path.Combine(CgroupPath, "cgroup.kill"), "1");
        }

        if (RootId > 0)
        {
            ProcessGroup.Send(-RootId, SigKill);
        }
    }

    /// <summary>Kills every member and waits until none is left (or <paramref name="limit"/> passed).</summary>
    /// <returns>The pids still alive at the limit (empty when all are gone).</returns>
    public async Task<IReadOnlyList<int>> KillAndWaitAsync(TimeProvider time, TimeSpan limit)
    {
        var began = time.GetTimestamp();
        while (true)
        {
            KillNow();
            var left = Members();
            foreach (var pid in left)
            {
                ProcessGroup.Send(pid, SigKill);
            }

            if (left.Count == 0 || time.GetElapsedTime(began) >= limit)
            {
                return left;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, CancellationToken.None);
        }
    }

    /// <summary>Removes the cgroup folder (it must be empty: call after <see cref="KillAndWaitAsync"/>).</summary>
    public void Dispose()
    {
        if (CgroupPath is not null)
        {
            try
            {
                Directory.Delete(CgroupPath);
            }
            catch (IOException)
            {
                // Still populated for a moment, or already gone: the next sweep removes it.
            }
        }
    }

    private IEnumerable<int> CgroupProcs()
    {
        string[] lines;
        try
        {
            lines = System.IO.File.ReadAllLines(Path.Combine(CgroupPath!, "cgroup.procs"));
        }
        catch (IOException)
        {
            yield break;
        }

        foreach (var line in lines)
        {
            if (int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>Empty scope folders left by a greenlight that was SIGKILLed (its supervisor emptied them).</summary>
    private static void SweepEmpty(string root, DateTime now)
    {
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(root))
            {
                if (Directory.GetLastWriteTimeUtc(dir) < now.AddMinutes(-1)
                    && System.IO.File.ReadAllText(Path.Combine(dir, "cgroup.procs")).Length == 0)
                {
                    Directory.Delete(dir);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another greenlight is sweeping too, or a folder is in use.
        }
    }

    private static void TryWrite(string path, string text)
    {
        try
        {
            System.IO.File.WriteAllText(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // cgroup.kill needs Linux 5.14; the per-pid kill below covers older kernels.
        }
    }
}
