using Greenlight.Signoffs;

namespace Greenlight.Checks.Manual;

/// <summary>Where a manual check stands: the sign-offs that count, those that do not (and why), and how many it needs.</summary>
internal sealed record SignoffStatus(IReadOnlyList<Signoff> Counted, IReadOnlyList<(Signoff Signoff, string Reason)> Rejected, int Requires)
{
    public bool Complete => Counted.Count >= Requires;

    public int Missing => Math.Max(0, Requires - Counted.Count);
}
