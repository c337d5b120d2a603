namespace Greenlight.Watch;

/// <summary>
/// The lag of every measurement in a window, in 1 ms buckets up to 60 s: a fixed size however long
/// the window runs (a 24-hour watch of 200 checks every second takes 17 million measurements).
/// </summary>
internal sealed class LagHistogram
{
    private const int Buckets = 60_000;

    private readonly int[] _counts = new int[Buckets + 1];
    private long _total;
    private double _max;

    public long Count => _total;

    public void Add(TimeSpan lag)
    {
        var ms = Math.Max(0, lag.TotalMilliseconds);
        _counts[Math.Min(Buckets, (int)Math.Ceiling(ms))]++;
        _total++;
        _max = Math.Max(_max, ms);
    }

    /// <summary>The smallest whole millisecond at or under which <paramref name="fraction"/> of the lags fall (the largest lag beyond 60 s).</summary>
    public double Percentile(double fraction)
    {
        if (_total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * _total));
        long seen = 0;
        for (var ms = 0; ms < Buckets; ms++)
        {
            seen += _counts[ms];
            if (seen >= rank)
            {
                return Math.Min(ms, _max);
            }
        }

        return _max;
    }
}
