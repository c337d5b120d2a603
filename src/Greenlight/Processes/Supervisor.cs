using System.ComponentModel;
using System.Diagnostics;

namespace Greenlight.Processes;

/// <summary>
/// Starts a program under a one-line shell supervisor that leads its own session and process group
/// (setsid), joins the scope's cgroup before anything else runs, and gets SIGUSR1 when greenlight
/// dies, even by SIGKILL (setpriv --pdeathsig): it then kills the cgroup (or its group). Not SIGHUP:
/// under nohup it is ignored on entry, and a non-interactive sh cannot trap a signal ignored on entry. SIGTERM
/// and SIGINT reach the program through its group while the supervisor keeps waiting, so the
/// supervisor's exit code is the program's and it exits only when the program has.
/// </summary>
internal static class Supervisor
{
    private const string Script = """
        cg=$1; shift
        if [ -n "$cg" ]; then echo $$ > "$cg/cgroup.procs" 2>/dev/null || cg=; fi
        trap '[ -n "$cg" ] && echo 1 > "$cg/cgroup.kill"; kill -KILL 0' USR1
        "$@" & c=$!
        trap : TERM INT
        while :; do wait $c; r=$?; kill -0 $c 2>/dev/null || exit $r; done
        """;

    public static Process Start(ProcessRequest request, string program, ProcessScope scope)
    {
        var launchers = new List<string>();
        if (ProcessGroup.SetprivPath is { } setpriv)
        {
            launchers.AddRange([setpriv, "--pdeathsig", "USR1", "--"]);
        }

        if (ProcessGroup.SetsidPath is { } setsid)
        {
            launchers.Add(setsid);
        }

        launchers.AddRange(["/bin/sh", "-c", Script, "greenlight-supervisor", scope.CgroupPath ?? ""]);
        var environment = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal) { [ProcessScope.MarkerVariable] = scope.Marker };
        var start = (request with { Environment = environment }).ToStartInfo(launchers, program);
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

        scope.RootId = process.Id;
        process.StandardInput.Close();
        return process;
    }
}
