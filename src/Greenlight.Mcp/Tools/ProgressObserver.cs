using System.Threading.Channels;
using Greenlight.Engine;
using Greenlight.Spec;

namespace Greenlight.Mcp.Tools;

/// <summary>
/// Turns the engine's live progress into MCP progress notifications, in order: the engine calls from
/// several threads at once, so each event is queued and one pump sends them one after another.
/// </summary>
internal sealed class ProgressObserver : IRunObserver
{
    private readonly Channel<(double Done, double? Total, string Message)> _queue = Channel.CreateUnbounded<(double, double?, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private int _planned;
    private int _finished;

    public ProgressObserver(ToolCall call)
    {
        _pump = Task.Run(async () =>
        {
            await foreach (var (done, total, message) in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    await call.ReportAsync(done, total, message);
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
                {
                    // The client went away: progress is a courtesy, the run goes on.
                    return;
                }
            }
        });
    }

    public void RunStarted(string runId, DateTimeOffset startedAt, IReadOnlyList<CheckDefinition> checks)
    {
        _planned = checks.Count;
        _queue.Writer.TryWrite((0, _planned, $"run {runId[..12]} started: {_planned} check{(_planned == 1 ? "" : "s")}"));
    }

    public void CheckStarted(CheckDefinition check)
    {
    }

    public void CheckFinished(CheckResult result)
    {
        var done = Interlocked.Increment(ref _finished);
        _queue.Writer.TryWrite((done, _planned, $"{result.Id}: {result.Outcome.Code()}{(result.Message is null ? "" : " — " + result.Message)}"));
    }

    /// <summary>Sends what is queued, then stops; the result goes out after the last notification.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _pump;
    }
}
