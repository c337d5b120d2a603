using Greenlight.Assertions;
using Greenlight.Watch;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Greenlight.Cli.Rendering;

/// <summary>
/// The live view of a watch: on a terminal a table redrawn after every tick (last value, trend,
/// limits, state, time left); elsewhere one line per tick and one per change of a check's outcome.
/// </summary>
internal sealed class WatchView(IAnsiConsole console, TimeProvider time) : IWatchObserver
{
    private readonly Dictionary<string, MeasurementOutcome?> _last = new(StringComparer.Ordinal);
    private WatchPlan? _plan;
    private DateTimeOffset _start;
    private LiveDisplayContext? _live;

    public bool Interactive => console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    /// <summary>Runs <paramref name="body"/> inside a live display on a terminal, plainly elsewhere.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> body)
    {
        if (!Interactive)
        {
            return await body();
        }

        T result = default!;
        await console.Live(new Spectre.Console.Text("starting the watch…")).AutoClear(false).StartAsync(async context =>
        {
            _live = context;
            result = await body();
        });
        _live = null;
        return result;
    }

    public void WindowStarted(WatchPlan plan, DateTimeOffset windowStart, IReadOnlyList<CheckTracker> trackers)
    {
        _plan = plan;
        _start = windowStart;
        if (_live is null)
        {
            console.MarkupLine($"[grey]Watching {trackers.Count} check{(trackers.Count == 1 ? "" : "s")} every {Units.FormatDuration(plan.Every.TotalMilliseconds)} for {Units.FormatDuration(plan.For.TotalMilliseconds)}" +
                $"{(plan.InitialDelay > TimeSpan.Zero ? $" after {Units.FormatDuration(plan.InitialDelay.TotalMilliseconds)}" : "")} (window {Markup.Escape(plan.Window)}, {plan.Ticks} measurements each)…[/]");
        }
        else
        {
            _live.UpdateTarget(Table(trackers, -1));
        }
    }

    public void TickFinished(int tick, DateTimeOffset now, IReadOnlyList<CheckTracker> trackers)
    {
        if (_live is not null)
        {
            _live.UpdateTarget(Table(trackers, tick));
            return;
        }

        foreach (var tracker in trackers)
        {
            var outcome = tracker.Last?.Outcome;
            if (tracker.Last?.Tick == tick && (!_last.TryGetValue(tracker.Check.Id, out var before) || before != outcome || tracker.Decided))
            {
                var decided = tracker.Decided ? $" → {WatchJudge.Describe(tracker.Decision!.Value)} ({tracker.Reason})" : "";
                console.MarkupLine($"  {Icon(outcome)} {Markup.Escape(tracker.Check.Id)} {Markup.Escape(tracker.Last?.Value ?? "")} [grey]{Markup.Escape(OutcomeStyle.Shorten(tracker.Last?.Message ?? "", 120))}[/]{Markup.Escape(decided)}");
            }

            _last[tracker.Check.Id] = outcome;
        }

        var counts = trackers.Where(t => t.Last?.Tick == tick).GroupBy(t => t.Last!.Outcome).ToDictionary(g => g.Key, g => g.Count());
        console.MarkupLine($"[grey]tick {tick + 1}/{_plan!.Ticks} · {Left(now)} left · {counts.GetValueOrDefault(MeasurementOutcome.Pass)} pass, {counts.GetValueOrDefault(MeasurementOutcome.Fail)} fail, " +
            $"{counts.GetValueOrDefault(MeasurementOutcome.Error)} error, {counts.GetValueOrDefault(MeasurementOutcome.Inconclusive)} inconclusive[/]");
    }

    private IRenderable Table(IReadOnlyList<CheckTracker> trackers, int tick)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"watch {Markup.Escape(_plan!.Window)} · tick {tick + 1}/{_plan.Ticks} · {Left(time.GetUtcNow())} left");
        foreach (var column in new[] { "Check", "Last", "Trend", "Limits", "State" })
        {
            table.AddColumn(column);
        }

        foreach (var t in trackers.Take(40))
        {
            var state = t.Decided ? $"{WatchJudge.Describe(t.Decision!.Value)}" : "watching";
            table.AddRow(new Markup(Markup.Escape(t.Check.Id)), new Markup($"{Icon(t.Last?.Outcome)} {Markup.Escape(t.Last?.Value ?? "")}"),
                new Markup(Markup.Escape(Sparkline.Of(t.Trend))), new Markup($"[grey]{Markup.Escape(t.DescribeLimits())}[/]"), new Markup(Markup.Escape(state)));
        }

        if (trackers.Count > 40)
        {
            table.AddRow(new Markup($"[grey]… {trackers.Count - 40} more[/]"), new Markup(""), new Markup(""), new Markup(""), new Markup(""));
        }

        return table;
    }

    private string Left(DateTimeOffset now)
    {
        var end = _plan!.EndsAt(_start);
        return Units.FormatDuration(Math.Max(0, (end - now).TotalMilliseconds));
    }

    public static string Icon(MeasurementOutcome? outcome) => outcome switch
    {
        MeasurementOutcome.Pass => "[green]✓[/]",
        MeasurementOutcome.Fail => "[red]✗[/]",
        MeasurementOutcome.Error => "[red]![/]",
        MeasurementOutcome.Inconclusive => "[yellow]?[/]",
        _ => "[grey]·[/]",
    };
}
