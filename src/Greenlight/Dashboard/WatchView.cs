using Greenlight.Engine;
using Greenlight.Watch;

namespace Greenlight.Dashboard;

/// <summary>A watch window as stored: its schedule, whether it still runs, and every measurement so far.</summary>
internal sealed record WatchView(
    string RunId, string Spec, string Window, DateTimeOffset WindowStart, TimeSpan Every, TimeSpan For, string Status, Verdict? Verdict,
    IReadOnlyList<string> CheckIds, IReadOnlyList<Measurement> Measurements)
{
    public bool Running => Status == "running";

    public int LastTick => Measurements.Count == 0 ? -1 : Measurements.Max(m => m.Tick);
}
