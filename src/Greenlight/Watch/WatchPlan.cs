using Greenlight.Spec;

namespace Greenlight.Watch;

/// <summary>A window resolved for one run: its schedule and the checks it measures, each with its rules.</summary>
internal sealed record WatchPlan(string Window, TimeSpan Every, TimeSpan For, TimeSpan InitialDelay, IReadOnlyList<(CheckDefinition Check, WatchRules Rules)> Checks)
{
    /// <summary>How many ticks the window has: one every <see cref="Every"/> within <see cref="For"/>, at least one.</summary>
    public int Ticks => Math.Max(1, (int)Math.Ceiling(For / Every));

    public DateTimeOffset PlannedAt(DateTimeOffset windowStart, int tick) => windowStart + InitialDelay + (Every * tick);

    /// <summary>
    /// How far after each tick the check at <paramref name="index"/> of <paramref name="count"/> is
    /// measured: the checks are spread over the first second of the interval (all of it when
    /// shorter), as Prometheus spreads its scrapes, so 200 checks do not hit one database in the
    /// same millisecond. The first check is measured on the tick itself.
    /// </summary>
    public TimeSpan OffsetOf(int index, int count) =>
        count <= 1 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(Every.Ticks, TimeSpan.TicksPerSecond) * index / count);

    public DateTimeOffset EndsAt(DateTimeOffset windowStart) => windowStart + InitialDelay + For;

    /// <summary>
    /// The watch checks of <paramref name="spec"/> in a window (named, or main), narrowed by --only;
    /// command-line durations override the spec's. Throws <see cref="ArgumentException"/> for a bad name.
    /// </summary>
    public static WatchPlan Resolve(SpecDocument spec, string? windowName, IReadOnlyList<string> only, TimeSpan? every, TimeSpan? duration, TimeSpan? initialDelay)
    {
        var settings = spec.Watch ?? new WatchSettings();
        var window = windowName is null or WatchSettings.MainWindow ? settings.Main
            : settings.Windows.FirstOrDefault(w => w.Name == windowName)
              ?? throw new ArgumentException($"--window: the spec has no window `{windowName}` (it has {string.Join(", ", new[] { WatchSettings.MainWindow }.Concat(settings.Windows.Select(w => w.Name)))})");
        var checks = spec.Checks.Where(c => c.Phase == Phase.Watch).ToList();
        if (window.Only.Count > 0)
        {
            checks = [.. spec.Checks.Where(c => window.Only.Contains(c.Id))];
        }

        foreach (var id in only.Where(id => spec.Checks.All(c => c.Id != id)))
        {
            throw new ArgumentException($"--only: no check has id `{id}`");
        }

        if (only.Count > 0)
        {
            checks = [.. spec.Checks.Where(c => only.Contains(c.Id))];
        }

        if (checks.Count == 0)
        {
            throw new ArgumentException("there is nothing to watch: no check has `phase: watch` (or name them with --only)");
        }

        return new WatchPlan(window.Name, every ?? window.Every, duration ?? window.For, initialDelay ?? window.InitialDelay, [.. checks.Select(c => (c, settings.RulesFor(c.Id)))]);
    }
}
