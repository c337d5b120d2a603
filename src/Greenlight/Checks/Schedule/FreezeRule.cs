using System.Globalization;

namespace Greenlight.Checks.Schedule;

/// <summary>
/// One entry of <c>freeze:</c>, in the gate's time zone: a span of local time (a date, or
/// <c>from</c>..<c>to</c>) or a weekly rule (<c>days</c>, with an optional <c>from</c>/<c>to</c> time of day).
/// </summary>
internal sealed record FreezeRule(string Text, string? Reason)
{
    /// <summary>Weekly: the days it applies to; empty for a span.</summary>
    public IReadOnlySet<DayOfWeek> Days { get; init; } = new HashSet<DayOfWeek>();

    /// <summary>Weekly: the time of day it starts (inclusive) and ends (exclusive; null: midnight).</summary>
    public TimeOnly DailyFrom { get; init; } = TimeOnly.MinValue;
    public TimeOnly? DailyTo { get; init; }

    /// <summary>Span: local start (inclusive) and end (exclusive).</summary>
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }

    public bool Covers(DateTime local)
    {
        if (Days.Count == 0)
        {
            return local >= From && local < To;
        }

        var time = TimeOnly.FromDateTime(local);
        return Days.Contains(local.DayOfWeek) && time >= DailyFrom && (DailyTo is not { } to || time < to);
    }

    /// <summary>The next local time at or after <paramref name="local"/> that this rule does not cover.</summary>
    public DateTime EndAfter(DateTime local)
    {
        if (Days.Count == 0)
        {
            return To ?? local;
        }

        // A weekly rule ends at its `to` time, or at midnight; consecutive frozen days are walked over.
        var end = local;
        for (var guard = 0; guard < 8 && Covers(end); guard++)
        {
            end = DailyTo is { } to ? end.Date + to.ToTimeSpan() : end.Date.AddDays(1);
        }

        return end;
    }

    public string Describe() => Reason is null ? Text : $"{Text} ({Reason})";

    public static string Format(DateTime local) => local.ToString(local.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
