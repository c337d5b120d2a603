namespace Greenlight.Processes;

/// <summary>
/// Whether greenlight may give each started process tree a cgroup v2 folder of its own (root, or a
/// delegated subtree): a daemon that leaves its session still cannot leave its cgroup. Found once:
/// the cgroup v2 mount (pure or hybrid), greenlight's own cgroup under it, and a folder made there.
/// </summary>
internal static class CgroupSupport
{
    private static readonly Lazy<(string? Root, string Reason)> Probe = new(Find);

    /// <summary>The folder under which scopes are made, or null when cgroups cannot be used here.</summary>
    public static string? Root => Probe.Value.Root;

    /// <summary>Why cgroups are not used (or where they are).</summary>
    public static string Reason => Probe.Value.Reason;

    private static (string? Root, string Reason) Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "not Linux");
        }

        var forced = Environment.GetEnvironmentVariable("GREENLIGHT_PROCESS_SCOPE");
        if (string.Equals(forced, "session", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "GREENLIGHT_PROCESS_SCOPE=session");
        }

        try
        {
            var mount = System.IO.File.ReadLines("/proc/self/mountinfo")
                .Select(l => l.Split(' '))
                .Where(f => f.Length > 9 && f[Array.IndexOf(f, "-") + 1] == "cgroup2")
                .Select(f => f[4])
                .FirstOrDefault();
            if (mount is null)
            {
                return (null, "no cgroup v2 hierarchy is mounted");
            }

            var own = System.IO.File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..] ?? "/";
            var root = Path.Combine(mount, own.TrimStart('/'), "greenlight");
            Directory.CreateDirectory(root);
            var test = Path.Combine(root, $"probe-{Environment.ProcessId}");
            Directory.CreateDirectory(test);
            var usable = System.IO.File.Exists(Path.Combine(test, "cgroup.procs"));
            Directory.Delete(test);
            return usable ? (root, $"cgroup v2 under {root}") : (null, $"{root} is not a cgroup v2 folder");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cgroup v2 is not writable here ({ex.Message})");
        }
    }
}
