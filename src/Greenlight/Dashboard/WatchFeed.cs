using System.Runtime.CompilerServices;

namespace Greenlight.Dashboard;

/// <summary>
/// Follows a watch window in the store: the watch runner commits each tick's measurements, this polls
/// for ticks after the last one sent and ends with the window. The host only writes the events out.
/// </summary>
internal sealed class WatchFeed(DashboardStore store, TimeProvider time, TimeSpan interval)
{
    public async IAsyncEnumerable<WatchEvent> FollowAsync(string runId, int afterTick, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterTick;
        while (!cancellationToken.IsCancellationRequested)
        {
            var view = await store.WatchAsync(runId, after, cancellationToken);
            if (view is null)
            {
                yield break;
            }

            foreach (var m in view.Measurements.OrderBy(m => m.Tick).ThenBy(m => m.CheckId, StringComparer.Ordinal))
            {
                yield return new WatchEvent("measurement", DashboardJson.Measurement(m));
                after = Math.Max(after, m.Tick);
            }

            if (!view.Running)
            {
                yield return new WatchEvent("end", DashboardJson.End(view));
                yield break;
            }

            await Task.Delay(interval, time, cancellationToken);
        }
    }
}
