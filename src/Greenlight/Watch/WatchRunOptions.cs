using Greenlight.Alerts;

namespace Greenlight.Watch;

/// <summary>How a window runs: the clock, the parallelism, where state and alerts go, and what to resume.</summary>
internal sealed record WatchRunOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public int Parallelism { get; init; } = 32;
    public IWatchObserver? Observer { get; init; }
    public IWatchJournal? Journal { get; init; }
    public IAlertSink? Alerts { get; init; }
    public int EvidenceLimit { get; init; } = 64 * 1024;
    public string? RunId { get; init; }

    /// <summary>What <c>baseline(…)</c> compares with; none: such measurements are inconclusive.</summary>
    public Baselines.BaselineSet? Baselines { get; init; }

    /// <summary>Who watches, where, at which commit: what an http fingerprint verifies the deployed version against.</summary>
    public Engine.RunProvenance Provenance { get; init; } = Engine.RunProvenance.Unknown;

    /// <summary>A stored window to continue (greenlight watch --resume).</summary>
    public WatchResume? Resume { get; init; }
}
