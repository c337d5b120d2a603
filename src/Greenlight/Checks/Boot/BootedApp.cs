using System.Text;
using Greenlight.Assertions;
using Greenlight.Processes;

namespace Greenlight.Checks.Boot;

/// <summary>
/// A booted app as a run resource: its output stays read for the whole run, what it printed while
/// another check talked to it becomes that check's evidence, and when the run ends it is stopped
/// and its check gets how it ended and what it printed after it first answered.
/// </summary>
internal sealed class BootedApp(BackgroundProcess app, string checkId, TimeProvider time) : IRunResource
{
    /// <summary>Lines shown for one check; the boot check's end-of-run evidence keeps every line the tail holds.</summary>
    private const int LinesPerCheck = 60;

    private readonly long _readyMark = app.Output.Mark();
    private readonly long _readyAt = time.GetTimestamp();

    public long Mark() => app.Output.Mark();

    public async Task<EvidenceItem?> SeenSinceAsync(long mark, bool settle, CancellationToken cancellationToken)
    {
        if (settle)
        {
            // A traceback is printed just before the 500 that answers it: let the pipe readers catch up.
            var began = time.GetTimestamp();
            var bytes = app.Output.Bytes;
            while (time.GetElapsedTime(began) < TimeSpan.FromMilliseconds(300))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(40), time, cancellationToken);
                var now = app.Output.Bytes;
                if (now == bytes)
                {
                    break;
                }

                bytes = now;
            }
        }

        var (lines, total) = app.Output.Since(mark);
        if (total == 0)
        {
            return null;
        }

        var shown = lines.Skip(Math.Max(0, lines.Count - LinesPerCheck)).ToList();
        var text = new StringBuilder($"the app booted by {checkId} printed, during this check:\n");
        if (total > shown.Count)
        {
            text.Append($"… ({total - shown.Count} earlier lines not shown)\n");
        }

        text.AppendJoin('\n', shown);
        return new EvidenceItem("app output", text.ToString());
    }

    public async Task<IReadOnlyList<EvidenceItem>> CloseAsync()
    {
        var uptime = Units.FormatDuration(time.GetElapsedTime(_readyAt).TotalMilliseconds);
        var stop = await app.StopAsync();
        var (lines, total) = app.Output.Since(_readyMark);
        var how = stop.ExitedBefore ? $"the app exited by itself with code {stop.ExitCode} during the run (up to {uptime} after it answered)"
            : stop.Killed ? $"stopped at the end of the run after {uptime}: it ignored SIGTERM for stop_grace and was killed (SIGKILL)"
            : $"stopped at the end of the run after {uptime} with SIGTERM (exit code {stop.ExitCode})";
        var left = stop.Left.Count == 0 ? "none left running" : $"still running after SIGKILL: {string.Join(", ", stop.Left)}";
        var output = total == 0 ? "(no output after it answered)"
            : (total > lines.Count ? $"… ({total - lines.Count} earlier lines not kept)\n" : "") + string.Join('\n', lines);
        return
        [
            new EvidenceItem("stop", $"{how}\nprocesses tracked by {app.Scope}; {left}"),
            EvidenceItem.Bounded("output during the run", output),
        ];
    }
}
