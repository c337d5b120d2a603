namespace Greenlight.Watch;

/// <summary>Live progress of a window (the console's live view). Called from the loop's thread.</summary>
internal interface IWatchObserver
{
    void WindowStarted(WatchPlan plan, DateTimeOffset windowStart, IReadOnlyList<CheckTracker> trackers);

    void TickFinished(int tick, DateTimeOffset now, IReadOnlyList<CheckTracker> trackers);
}
