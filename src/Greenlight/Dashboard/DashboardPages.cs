using System.Globalization;
using System.Net;
using System.Text;
using Greenlight.Assertions;
using Greenlight.Engine;
using Greenlight.Store;
using Greenlight.Watch;

namespace Greenlight.Dashboard;

/// <summary>
/// The dashboard's pages as HTML text: no script needed to read them (the watch page's few lines
/// only add live rows), inline CSS that follows the reader's dark mode, and every outcome written as
/// a word or symbol beside its colour. Every value is HTML-encoded; values were redacted before they
/// were stored.
/// </summary>
internal static class DashboardPages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Home(IReadOnlyList<SpecOverview> specs, IReadOnlyList<(string RunId, string Spec, string Window)> watches, string store)
    {
        var body = new StringBuilder();
        body.Append("<h1>Releases</h1>\n");
        if (watches.Count > 0)
        {
            body.Append("<section aria-labelledby=\"live\"><h2 id=\"live\">Watch windows running now</h2><ul>\n");
            foreach (var (runId, spec, window) in watches)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/watch/{Url(runId)}\">{E(spec)}: {E(window)} ({E(Short(runId))})</a></li>\n");
            }

            body.Append("</ul></section>\n");
        }

        if (specs.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>No runs are stored in {E(store)} yet. Run <code>greenlight check</code> with this store.</p>\n");
            return Layout("Greenlight", body.ToString());
        }

        body.Append("<table class=\"specs\"><caption>Every spec and environment with its newest run and its last verdicts (newest first)</caption>\n");
        body.Append("<thead><tr><th scope=\"col\">Spec</th><th scope=\"col\">Environment</th><th scope=\"col\">Last verdict</th><th scope=\"col\">When</th><th scope=\"col\">Phase</th><th scope=\"col\">Checks</th><th scope=\"col\">Last 30</th><th scope=\"col\">Runs</th></tr></thead><tbody>\n");
        foreach (var s in specs)
        {
            var last = s.Last;
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr><th scope="row"><a href="/specs/{Url(s.Spec)}">{E(s.Spec)}</a></th>
                <td>{(s.Environment is null ? "<span class=\"sub\">none</span>" : E(s.Environment))}</td>
                <td>{Verdict(last.Verdict, last.Status)}</td>
                <td><a href="/runs/{Url(last.Id)}"><time datetime="{Iso(last.StartedAt)}">{When(last.StartedAt)}</time></a></td>
                <td>{E(last.Phase)}</td>
                <td>{Counts(last.Counts)}</td>
                <td>{Strip(s.Strip)}</td>
                <td>{s.RunCount.ToString(Inv)}</td></tr>

                """);
        }

        body.Append("</tbody></table>\n");
        return Layout("Greenlight", body.ToString());
    }

    public static string Spec(SpecDetail detail)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<nav aria-label=\"Breadcrumb\"><a href=\"/\">Releases</a> › {E(detail.Spec)}</nav>\n<h1>{E(detail.Spec)}</h1>\n");
        var newest = detail.Runs[0];
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"lead\">Last verdict: {Verdict(newest.Verdict, newest.Status)} · <a href=\"/runs/{Url(newest.Id)}\">run {E(Short(newest.Id))}</a> · <a href=\"/badge/{Url(detail.Spec)}.svg\">badge</a> · <a href=\"/healthz/{Url(detail.Spec)}\">health</a></p>\n");

        var flaky = detail.FlakyChecks.ToList();
        body.Append("<section aria-labelledby=\"flaky\"><h2 id=\"flaky\">Flaky checks</h2>\n");
        if (flaky.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>None in the last {detail.Runs.Count.ToString(Inv)} runs.</p>\n");
        }
        else
        {
            body.Append("<ul>\n");
            foreach (var c in flaky)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#check-{Anchor(c.CheckId)}\">{E(c.CheckId)}</a>: {c.Flips.ToString(Inv)} flips, {c.PassedAfterRetry.ToString(Inv)} passes after a retry, pass rate {Percent(c.PassRate)}</li>\n");
            }

            body.Append("</ul>\n");
        }

        body.Append("</section>\n");
        body.Append(CultureInfo.InvariantCulture, $"<section aria-labelledby=\"trends\"><h2 id=\"trends\">Checks over the last {detail.Runs.Count.ToString(Inv)} runs</h2>\n");
        body.Append("<table class=\"checks\"><thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Kind</th><th scope=\"col\">Severity</th><th scope=\"col\">Last</th><th scope=\"col\">Pass rate</th><th scope=\"col\">Duration (avg / p95)</th><th scope=\"col\">Trend (oldest → newest)</th><th scope=\"col\">History</th></tr></thead><tbody>\n");
        foreach (var c in detail.Checks)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr id="check-{Anchor(c.CheckId)}"><th scope="row">{E(c.CheckId)}{(c.Title is null ? "" : $"<br><small>{E(c.Title)}</small>")}{(c.Flaky ? " <span class=\"tag\">flaky</span>" : "")}</th>
                <td>{E(c.Kind)}</td><td>{E(c.Severity)}</td><td>{(c.LastOutcome is { } o ? Outcome(o) : "")}</td>
                <td>{Percent(c.PassRate)} <small>({c.Passes.ToString(Inv)}/{c.Runs.ToString(Inv)})</small></td>
                <td>{E(Units.FormatDuration(c.AverageDurationMs))} / {E(Units.FormatDuration(c.P95DurationMs))}</td>
                <td>{Sparkline(c)}</td>
                <td><a href="/api/specs/{Url(detail.Spec)}/checks/{Url(c.CheckId)}/history">JSON</a></td></tr>

                """);
        }

        body.Append("</tbody></table></section>\n");
        body.Append("<section aria-labelledby=\"runs\"><h2 id=\"runs\">Runs</h2>\n");
        body.Append(RunsTable(detail.Runs));
        body.Append("</section>\n");
        return Layout($"{detail.Spec} · Greenlight", body.ToString());
    }

    public static string Watch(WatchView view)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<nav aria-label=\"Breadcrumb\"><a href=\"/\">Releases</a> › <a href=\"/specs/{Url(view.Spec)}\">{E(view.Spec)}</a> › watch {E(Short(view.RunId))}</nav>\n");
        body.Append(CultureInfo.InvariantCulture, $"<h1>Watch window {E(view.Window)} of {E(view.Spec)}</h1>\n");
        var state = view.Running
            ? "<span class=\"verdict v-running\">… running</span>"
            : Verdict(view.Verdict, view.Status == "interrupted" ? RunStatus.Interrupted : RunStatus.Finished);
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"lead\" id=\"watch-state\" aria-live=\"polite\">{state} · every {E(Units.FormatDuration(view.Every.TotalMilliseconds))} for {E(Units.FormatDuration(view.For.TotalMilliseconds))} from <time datetime=\"{Iso(view.WindowStart)}\">{When(view.WindowStart)}</time> · <a href=\"/runs/{Url(view.RunId)}\">run page</a></p>\n");
        foreach (var checkId in view.CheckIds)
        {
            var series = view.Measurements.Where(m => m.CheckId == checkId).OrderBy(m => m.Tick).ToList();
            var limit = Limit(series);
            body.Append(CultureInfo.InvariantCulture, $"<section class=\"series\" aria-labelledby=\"s-{Anchor(checkId)}\"><h2 id=\"s-{Anchor(checkId)}\">{E(checkId)}</h2>\n");
            body.Append(CultureInfo.InvariantCulture, $"<p>Limit: {(limit.Text is null ? "none numeric" : E(limit.Text))}</p>\n");
            body.Append(Chart(series, limit.Value));
            body.Append(CultureInfo.InvariantCulture, $"<table><thead><tr><th scope=\"col\">Tick</th><th scope=\"col\">Started</th><th scope=\"col\">Outcome</th><th scope=\"col\">Value</th><th scope=\"col\">Message</th></tr></thead><tbody id=\"m-{Anchor(checkId)}\" data-check=\"{E(checkId)}\">\n");
            foreach (var m in series)
            {
                body.Append(MeasurementRow(m));
            }

            body.Append("</tbody></table></section>\n");
        }

        var head = view.Running ? "<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>" : "";
        var script = view.Running ? LiveScript(view) : "";
        return Layout($"watch {view.Window} · {view.Spec} · Greenlight", body.ToString(), head, script);
    }

    public static string NotFound(string what) =>
        Layout("Not found · Greenlight", $"<h1>Not found</h1>\n<p>{E(what)}</p>\n<p><a href=\"/\">All releases</a></p>\n");

    // ---- pieces --------------------------------------------------------------------------

    private static string RunsTable(IReadOnlyList<RunSummary> runs)
    {
        var table = new StringBuilder();
        table.Append("<table class=\"runs\"><thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Started (UTC)</th><th scope=\"col\">Phase</th><th scope=\"col\">Environment</th><th scope=\"col\">Verdict</th><th scope=\"col\">Checks</th><th scope=\"col\">By</th><th scope=\"col\">Commit</th></tr></thead><tbody>\n");
        foreach (var r in runs)
        {
            var link = r.Phase == "watch" ? $"/watch/{Url(r.Id)}" : $"/runs/{Url(r.Id)}";
            table.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{link}\">{E(Short(r.Id))}</a></td><td><time datetime=\"{Iso(r.StartedAt)}\">{When(r.StartedAt)}</time></td><td>{E(r.Phase)}</td><td>{E(r.Environment ?? "")}</td><td>{Verdict(r.Verdict, r.Status)}</td><td>{Counts(r.Counts)}</td><td>{E(r.User)}@{E(r.Host)}</td><td>{E(r.GitCommit is { Length: > 8 } c ? c[..8] : r.GitCommit ?? "")}</td></tr>\n");
        }

        table.Append("</tbody></table>\n");
        return table.ToString();
    }

    private static string Strip(IReadOnlyList<VerdictMark> marks)
    {
        var strip = new StringBuilder("<ol class=\"strip\" aria-label=\"last verdicts, newest first\">");
        foreach (var m in marks)
        {
            var (symbol, css, text) = Mark(m.Verdict, m.Status);
            strip.Append(CultureInfo.InvariantCulture, $"<li><a class=\"{css}\" href=\"/runs/{Url(m.RunId)}\" title=\"{E(text)} · {E(m.Phase)} · {When(m.StartedAt)}\" aria-label=\"{E(text)}, {E(m.Phase)}, {When(m.StartedAt)}\">{symbol}</a></li>");
        }

        return strip.Append("</ol>").ToString();
    }

    private static (string Symbol, string Css, string Text) Mark(Verdict? verdict, RunStatus status) => (verdict, status) switch
    {
        (null, RunStatus.Running) => ("…", "v-running", "running"),
        (null, _) => ("×", "v-interrupted", "interrupted"),
        (Engine.Verdict.Go, _) => ("✓", "v-go", "GO"),
        (Engine.Verdict.GoWithWarnings, _) => ("!", "v-warn", "GO WITH WARNINGS"),
        (Engine.Verdict.Hold, _) => ("‖", "v-hold", "HOLD"),
        _ => ("✗", "v-nogo", "NO-GO"),
    };

    private static string Verdict(Verdict? verdict, RunStatus status)
    {
        var (symbol, css, text) = Mark(verdict, status);
        var interrupted = status == RunStatus.Interrupted && verdict is not null ? " (interrupted)" : "";
        return $"<span class=\"verdict {css}\">{symbol} {E(text)}{interrupted}</span>";
    }

    private static string Outcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "<span class=\"o-pass\">✓ pass</span>",
        CheckOutcome.Fail => "<span class=\"o-fail\">✗ fail</span>",
        CheckOutcome.Error => "<span class=\"o-error\">⚠ error</span>",
        CheckOutcome.Pending => "<span class=\"o-pending\">… pending</span>",
        _ => "<span class=\"o-skipped\">– skipped</span>",
    };

    private static string MeasurementOutcome(MeasurementOutcome outcome) => outcome switch
    {
        Greenlight.Watch.MeasurementOutcome.Pass => "<span class=\"o-pass\">✓ pass</span>",
        Greenlight.Watch.MeasurementOutcome.Fail => "<span class=\"o-fail\">✗ fail</span>",
        Greenlight.Watch.MeasurementOutcome.Error => "<span class=\"o-error\">⚠ error</span>",
        _ => "<span class=\"o-pending\">? inconclusive</span>",
    };

    internal static string MeasurementRow(Measurement m) =>
        $"<tr><td>{m.Tick.ToString(Inv)}</td><td><time datetime=\"{Iso(m.StartedAt)}\">{When(m.StartedAt)}</time></td><td>{MeasurementOutcome(m.Outcome)}</td><td>{E(m.Value ?? "")}</td><td>{E(m.Message ?? "")}</td></tr>\n";

    private static string Counts(OutcomeCounts c) =>
        $"<span class=\"counts\">{c.Pass.ToString(Inv)} pass · {c.Fail.ToString(Inv)} fail · {c.Error.ToString(Inv)} error · {c.Skipped.ToString(Inv)} skipped{(c.Pending > 0 ? $" · {c.Pending.ToString(Inv)} pending" : "")}</span>";

    /// <summary>Durations as a line, each run a marker whose shape says its outcome (circle pass, cross otherwise).</summary>
    private static string Sparkline(CheckTrend trend)
    {
        const int w = 150, h = 28;
        var points = trend.Points;
        if (points.Count == 0)
        {
            return "";
        }

        var max = Math.Max(1, points.Max(p => p.DurationMs));
        double X(int i) => points.Count == 1 ? w / 2.0 : 3 + (i * (w - 6.0) / (points.Count - 1));
        double Y(long ms) => h - 3 - (ms * (h - 6.0) / max);
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg class=\"spark\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{E(trend.CheckId)}: pass rate {Percent(trend.PassRate)}, durations up to {E(Units.FormatDuration(max))}\">");
        svg.Append("<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1\" points=\"");
        svg.AppendJoin(' ', points.Select((p, i) => F(X(i)) + "," + F(Y(p.DurationMs))));
        svg.Append("\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = (F(X(i)), F(Y(points[i].DurationMs)));
            svg.Append(points[i].Outcome == CheckOutcome.Pass
                ? $"<circle class=\"m-pass\" cx=\"{x}\" cy=\"{y}\" r=\"2\"/>"
                : $"<path class=\"m-fail\" d=\"M{F(X(i) - 3)} {F(Y(points[i].DurationMs) - 3)}l6 6m0 -6l-6 6\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A check's series over the window with its limit as a dashed line; each point's shape says its outcome.</summary>
    private static string Chart(IReadOnlyList<Measurement> series, double? limit)
    {
        const int w = 600, h = 120;
        var numbers = series.Where(m => m.Number is double n && double.IsFinite(n)).ToList();
        if (numbers.Count == 0)
        {
            return "<p class=\"chart-empty\">No numeric measurement yet.</p>\n";
        }

        var values = numbers.Select(m => m.Number!.Value).Concat(limit is double l ? [l] : []).ToList();
        var (lo, hi) = (Math.Min(0, values.Min()), values.Max());
        if (hi <= lo)
        {
            hi = lo + 1;
        }

        var ticks = Math.Max(1, series.Max(m => m.Tick));
        double X(int tick) => 30 + (tick * (w - 40.0) / ticks);
        double Y(double v) => h - 10 - ((v - lo) * (h - 20.0) / (hi - lo));
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{numbers.Count.ToString(Inv)} measurements from {F(numbers.Min(m => m.Number!.Value))} to {F(numbers.Max(m => m.Number!.Value))}{(limit is double lim ? $", limit {F(lim)}" : "")}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"12\" font-size=\"10\" fill=\"currentColor\">{F(hi)}</text><text x=\"2\" y=\"{h - 2}\" font-size=\"10\" fill=\"currentColor\">{F(lo)}</text>");
        if (limit is double line)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"limit\" x1=\"30\" x2=\"{w - 10}\" y1=\"{F(Y(line))}\" y2=\"{F(Y(line))}\" stroke-dasharray=\"4 3\" stroke=\"currentColor\"/>");
        }

        svg.Append("<polyline fill=\"none\" stroke=\"currentColor\" points=\"");
        svg.AppendJoin(' ', numbers.Select(m => F(X(m.Tick)) + "," + F(Y(m.Number!.Value))));
        svg.Append("\"/>");
        foreach (var m in numbers)
        {
            var (x, y) = (X(m.Tick), Y(m.Number!.Value));
            svg.Append(m.Outcome == Greenlight.Watch.MeasurementOutcome.Pass
                ? $"<circle class=\"m-pass\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"3\"/>"
                : $"<path class=\"m-fail\" d=\"M{F(x - 3)} {F(y - 3)}l6 6m0 -6l-6 6\"/>");
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>The limit of a series: the first assertion whose expected value is a number ("rate > 0.95" → 0.95).</summary>
    private static (double? Value, string? Text) Limit(IReadOnlyList<Measurement> series)
    {
        foreach (var assertion in series.SelectMany(m => m.Assertions))
        {
            if (assertion.ExpectedValue is { Kind: ValueKind.Number or ValueKind.Duration or ValueKind.Size, Number: double n })
            {
                return (n, assertion.Expression);
            }

            if (assertion.Expected is { } text && double.TryParse(text, NumberStyles.Float, Inv, out var parsed))
            {
                return (parsed, assertion.Expression);
            }
        }

        return (null, series.SelectMany(m => m.Assertions).FirstOrDefault()?.Expression);
    }

    // Builds each new row from the event's fields with textContent: nothing from the store becomes markup.
    private static string LiveScript(WatchView view) => $$"""
        <script>
        (function () {
          var shown = { pass: '\u2713 pass', fail: '\u2717 fail', error: '\u26a0 error', inconclusive: '? inconclusive' };
          var es = new EventSource('/api/watch/{{Url(view.RunId)}}/events?after={{view.LastTick.ToString(Inv)}}');
          es.addEventListener('measurement', function (e) {
            var m = JSON.parse(e.data);
            var body = Array.prototype.find.call(document.querySelectorAll('tbody[data-check]'), function (b) { return b.dataset.check === m.check; });
            if (!body) { return; }
            var row = body.insertRow(-1);
            [String(m.tick), m.started_at.replace('T', ' ').slice(0, 19), shown[m.outcome] || m.outcome, m.value || '', m.message || ''].forEach(function (text, i) {
              var cell = row.insertCell(-1); cell.textContent = text;
              if (i === 2) { cell.className = m.outcome === 'pass' ? 'o-pass' : m.outcome === 'inconclusive' ? 'o-pending' : 'o-fail'; }
            });
          });
          es.addEventListener('end', function () { es.close(); location.reload(); });
        })();
        </script>
        """;

    private static string Layout(string title, string body, string head = "", string script = "") => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title>
        {{head}}
        <style>
        :root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; --link: #0550ae;
          --go: #1a7f37; --warn: #8a5300; --nogo: #b42318; --hold: #5b3fb0; --run: #57606a; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d; --link: #7cb7ff;
          --go: #4ac26b; --warn: #e3b341; --nogo: #ff7b72; --hold: #c4a6ff; --run: #9da7b3; } }
        body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1200px; padding: 0 1rem 2rem; }
        a { color: var(--link); } a:focus-visible, summary:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .3rem; }
        header { display: flex; gap: 1rem; align-items: baseline; border-bottom: 1px solid var(--line); padding: .6rem 0; }
        header .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; } caption { text-align: left; color: var(--muted); padding: .3rem 0; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
        thead th { font-size: .85rem; color: var(--muted); }
        .verdict { font-weight: 700; white-space: nowrap; } .v-go, .o-pass { color: var(--go); } .v-warn { color: var(--warn); }
        .v-nogo, .o-fail, .o-error { color: var(--nogo); } .v-hold { color: var(--hold); } .v-running, .v-interrupted, .o-skipped, .o-pending { color: var(--run); }
        .strip { display: flex; gap: 2px; list-style: none; margin: 0; padding: 0; }
        .strip a { display: inline-block; width: 1.1rem; text-align: center; text-decoration: none; font-weight: 700; border: 1px solid var(--line); border-radius: 3px; }
        .spark, .chart { color: var(--muted); } .m-pass { fill: var(--go); } .m-fail { stroke: var(--nogo); stroke-width: 2; }
        .tag { font-size: .75rem; border: 1px solid var(--warn); color: var(--warn); border-radius: 3px; padding: 0 .25rem; }
        .lead { font-size: 1.05rem; } .sub { font-weight: 400; color: var(--muted); font-size: 1rem; } .counts { white-space: nowrap; }
        pre { white-space: pre-wrap; word-break: break-word; margin: .2rem 0; }
        @media print { header nav, .skip { display: none; } a { color: inherit; } }
        </style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header><a class="brand" href="/">Greenlight</a><nav aria-label="Main"><a href="/">Releases</a> · <a href="/api/runs">API</a></nav></header>
        <main id="main">
        {{body}}
        </main>
        {{script}}
        </body>
        </html>

        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Url(string text) => Uri.EscapeDataString(text);

    private static string Anchor(string id) => Uri.EscapeDataString(id).Replace("%", "_", StringComparison.Ordinal);

    private static string Short(string runId) => runId.Length > 12 ? runId[..12] : runId;

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);

    private static string When(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Inv);

    private static string Percent(double rate) => (rate * 100).ToString("0.#", Inv) + " %";

    private static string F(double v) => v.ToString("0.##", Inv);
}
