namespace Greenlight.Checks;

/// <summary>
/// Something a check started that outlives it (a booted app), with an evidence lifecycle: while
/// it is open, what it saw during another check's attempt becomes that check's evidence; when the
/// run ends it is closed, and what it saw over the whole run is appended to its own check's result.
/// </summary>
internal interface IRunResource
{
    /// <summary>A position in what the resource has seen so far.</summary>
    long Mark();

    /// <summary>
    /// What it saw after <paramref name="mark"/>, as evidence for the check that ran meanwhile, or
    /// null when it saw nothing. <paramref name="settle"/> waits a moment for output still in flight
    /// (asked when that check did not pass, so a traceback printed just before the answer is kept).
    /// </summary>
    Task<EvidenceItem?> SeenSinceAsync(long mark, bool settle, CancellationToken cancellationToken);

    /// <summary>Stops it and returns the evidence to append to the check that started it.</summary>
    Task<IReadOnlyList<EvidenceItem>> CloseAsync();
}
