using System.Globalization;
using Shouldly;

namespace Greenlight.Tests.Checks.Command;

/// <summary>What a test started and wrote down (pids, session id, cgroup), and whether any of it is still alive.</summary>
internal static class Leftovers
{
    /// <summary>For a spec (where $$ is a literal $): the shell line that records what the scope looks like from inside: its pid, session and cgroup.</summary>
    public const string Record = "echo $$$$ > sh.pid; cut -d' ' -f6 /proc/$$$$/stat > sid.txt; grep '^0::' /proc/self/cgroup | cut -c4- > cgroup.txt";

    /// <summary>A daemon that leaves the session (setsid -f) and writes its pid.</summary>
    public const string Daemon = "setsid -f sh -c 'echo $$$$ > daemon.pid; exec sleep 300' < /dev/null > /dev/null 2>&1";

    public static int ReadInt(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        for (var i = 0; i < 100 && (!System.IO.File.Exists(path) || System.IO.File.ReadAllText(path).Trim().Length == 0); i++)
        {
            Thread.Sleep(20);
        }

        return int.Parse(System.IO.File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
    }

    public static bool Alive(int pid)
    {
        try
        {
            var stat = System.IO.File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Living processes whose session is <paramref name="sid"/>.</summary>
    public static List<int> InSession(int sid) =>
        [.. Greenlight.Processes.ProcTable.Read().Values.Where(p => p.Session == sid && !p.Zombie).Select(p => p.Pid)];

    /// <summary>The processes still in the cgroup written to cgroup.txt (none when the folder is gone).</summary>
    public static List<int> InCgroup(string dir)
    {
        var relative = System.IO.File.ReadAllText(Path.Combine(dir, "cgroup.txt")).Trim();
        var mount = System.IO.File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')).First(f => f[Array.IndexOf(f, "-") + 1] == "cgroup2")[4];
        var procs = Path.Combine(mount, relative.TrimStart('/'), "cgroup.procs");
        return System.IO.File.Exists(procs) ? [.. System.IO.File.ReadAllLines(procs).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))] : [];
    }

    /// <summary>Asserts at once (no waiting): nothing the check started is alive, by pid, session and cgroup.</summary>
    public static void NothingLeft(string dir, params string[] pidFiles)
    {
        foreach (var file in pidFiles)
        {
            var pid = ReadInt(dir, file);
            Alive(pid).ShouldBeFalse($"process {pid} ({file}) was left running");
        }

        var sid = ReadInt(dir, "sid.txt");
        InSession(sid).ShouldBeEmpty($"processes left in session {sid}");
        if (System.IO.File.Exists(Path.Combine(dir, "cgroup.txt")) && System.IO.File.ReadAllText(Path.Combine(dir, "cgroup.txt")).Trim() is { Length: > 1 })
        {
            InCgroup(dir).ShouldBeEmpty("processes left in the check's cgroup");
        }
    }

    /// <summary>The same, allowing the kernel a moment (after a SIGKILL of greenlight, the cleanup is the supervisor's, not awaited by anyone).</summary>
    public static async Task NothingLeftSoonAsync(string dir, params string[] pidFiles)
    {
        for (var i = 0; i < 100; i++)
        {
            if (pidFiles.All(f => !Alive(ReadInt(dir, f))) && InSession(ReadInt(dir, "sid.txt")).Count == 0)
            {
                break;
            }

            await Task.Delay(50);
        }

        NothingLeft(dir, pidFiles);
    }
}
