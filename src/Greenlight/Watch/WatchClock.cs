using System.Globalization;

namespace Greenlight.Watch;

/// <summary>
/// The values of <c>${watch.window}</c>, <c>${watch.since}</c> and <c>${watch.elapsed}</c>: durations in
/// whole seconds with a unit ("3600s", which PromQL and PostgreSQL intervals both read) and the
/// window's start as ISO 8601 UTC.
/// </summary>
internal sealed record WatchClock(DateTimeOffset WindowStart, TimeSpan Window)
{
    public string? Lookup(string name, DateTimeOffset now) => name switch
    {
        "watch.window" => Seconds(Window),
        "watch.since" => WindowStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        "watch.elapsed" => Seconds(now - WindowStart),
        _ => null,
    };

    /// <summary>At least 1s: a zero range is not valid PromQL.</summary>
    public static string Seconds(TimeSpan span) =>
        Math.Max(1, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
}
