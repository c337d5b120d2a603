namespace Greenlight.Watch;

/// <summary>Where a window's state goes as it runs (the store), so a killed watch can resume.</summary>
internal interface IWatchJournal
{
    /// <summary>Records a new window, or (<paramref name="resumed"/>) marks a stored one as running again in this process.</summary>
    Task StartAsync(WatchPlan plan, string runId, DateTimeOffset windowStart, bool resumed, CancellationToken cancellationToken);

    Task RecordAsync(string runId, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken);

    Task FinishAsync(WatchReport report, CancellationToken cancellationToken);
}
