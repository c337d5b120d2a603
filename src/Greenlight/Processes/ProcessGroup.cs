using System.Runtime.InteropServices;

namespace Greenlight.Processes;

/// <summary>
/// Signals processes and process groups. Children are started through setsid(1) so each leads its
/// own group and session, and killing the group also reaches grandchildren a shell left behind.
/// </summary>
internal static partial class ProcessGroup
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static string? SetsidPath { get; } =
        OperatingSystem.IsLinux() ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(System.IO.File.Exists) : null;

    /// <summary>setpriv(1), to have a started process signalled if greenlight itself dies (even by SIGKILL).</summary>
    public static string? SetprivPath { get; } =
        OperatingSystem.IsLinux() ? new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(System.IO.File.Exists) : null;

    /// <summary>kill(2): a negative <paramref name="pid"/> is a process group.</summary>
    public static void Send(int pid, int signal)
    {
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && pid != 0 && pid != -1)
        {
            _ = KillNative(pid, signal);
        }
    }

    public static void Kill(int processGroupId) => Send(-processGroupId, SigKill);

    /// <summary>Whether any process of the group is still alive (signal 0 only probes).</summary>
    public static bool IsAlive(int processGroupId) =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && KillNative(-processGroupId, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);
}
