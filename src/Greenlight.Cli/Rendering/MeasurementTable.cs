using Greenlight.Assertions;
using Greenlight.Watch;
using Spectre.Console;

namespace Greenlight.Cli.Rendering;

/// <summary>A watch check's measurements over time, for <c>show RUN --check ID</c> and <c>history --check ID</c>.</summary>
internal static class MeasurementTable
{
    public static void Render(IAnsiConsole console, IReadOnlyList<(string RunId, Measurement Measurement)> rows, bool showRun)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in (showRun ? new[] { "Run" } : []).Concat(["Tick", "Planned (UTC)", "Lag", "Outcome", "Value", "Time", "Message"]))
        {
            table.AddColumn(column);
        }

        foreach (var (runId, m) in rows)
        {
            var cells = new List<Markup>();
            if (showRun)
            {
                cells.Add(new Markup(runId[..12]));
            }

            cells.AddRange(
            [
                new Markup((m.Tick + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Markup(m.PlannedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
                new Markup(Units.FormatDuration(Math.Max(0, m.Lag.TotalMilliseconds))),
                new Markup(WatchView.Icon(m.Outcome) + " " + WatchJudge.Code(m.Outcome)),
                new Markup(Markup.Escape(m.Value ?? "")),
                new Markup(Units.FormatDuration(m.DurationMs)),
                new Markup(Markup.Escape(OutcomeStyle.Shorten(m.Message ?? "", 100))),
            ]);
            table.AddRow(cells);
        }

        console.Write(table);
    }
}
