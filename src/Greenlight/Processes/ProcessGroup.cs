using System.Runtime.InteropServices;

namespace Greenlight.Processes;

/// <summary>
/// Signals a whole process group. Children are started through setsid(1) so each leads its own
/// group, and killing the group also reaches grandchildren that a shell left behind.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    public static string? SetsidPath { get; } =
        OperatingSystem.IsLinux() ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(System.IO.File.Exists) : null;

    public static void Kill(int processGroupId)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = KillNative(-processGroupId, SigKill);
        }
    }

    /// <summary>Asks the whole group to stop (SIGTERM).</summary>
    public static void Terminate(int processGroupId)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = KillNative(-processGroupId, SigTerm);
        }
    }

    /// <summary>setpriv(1), to have a started app killed if greenlight itself dies (even by SIGKILL).</summary>
    public static string? SetprivPath { get; } =
        OperatingSystem.IsLinux() ? new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(System.IO.File.Exists) : null;

    /// <summary>Whether any process of the group is still alive (signal 0 only probes).</summary>
    public static bool IsAlive(int processGroupId) =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && KillNative(-processGroupId, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);
}
