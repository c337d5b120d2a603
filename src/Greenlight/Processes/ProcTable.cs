using System.Globalization;
using System.Text;

namespace Greenlight.Processes;

/// <summary>A snapshot of /proc: every process with its parent, group and session.</summary>
internal static class ProcTable
{
    public sealed record Entry(int Pid, int Parent, int Group, int Session, bool Zombie);

    public static Dictionary<int, Entry> Read()
    {
        var table = new Dictionary<int, Entry>();
        if (!OperatingSystem.IsLinux())
        {
            return table;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (Stat(pid) is { } entry)
            {
                table[pid] = entry;
            }
        }

        return table;
    }

    /// <summary>pid, state, ppid, pgrp and session from /proc/PID/stat (the name may hold spaces and parentheses).</summary>
    public static Entry? Stat(int pid)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length < 4 ? null : new Entry(
            pid,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture),
            fields[0] is "Z" or "X");
    }

    public static bool IsAlive(int pid) => Stat(pid) is { Zombie: false };

    /// <summary>Whether the process started with NAME=VALUE in its environment.</summary>
    public static bool HasVariable(int pid, string name, string value)
    {
        try
        {
            var bytes = System.IO.File.ReadAllBytes($"/proc/{pid}/environ");
            var needle = Encoding.UTF8.GetBytes($"{name}={value}\0");
            return bytes.AsSpan().IndexOf(needle) >= 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
