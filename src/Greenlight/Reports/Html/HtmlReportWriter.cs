using System.Globalization;
using System.Text;
using Greenlight.Assertions;
using Greenlight.Checks;
using Greenlight.Engine;

namespace Greenlight.Reports.Html;

/// <summary>
/// The release review as one self-contained HTML page (inline style, inline SVG, a few lines of
/// optional script, nothing fetched): the verdict and its reasons, the failures with fix and actual
/// against expected, the comparison with the previous run, then every check by area and phase with
/// its evidence folded in <c>&lt;details&gt;</c>. Deterministic: the same review gives the same bytes.
/// </summary>
internal sealed class HtmlReportWriter : IReportWriter
{
    /// <summary>Evidence longer than this is cut on the page, with its full size said.</summary>
    public const int EvidenceLimit = 64 * 1024;

    public const string NoStoreReason = "Written without the run store, so this run is not compared with an earlier one.";

    public string Format => "html";

    public string FileExtension => ".html";

    public Task WriteAsync(RunReport report, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(ReleaseReview.Alone(report, NoStoreReason), output, cancellationToken);

    public static async Task WriteAsync(ReleaseReview review, Stream output, CancellationToken cancellationToken) =>
        await output.WriteAsync(Encoding.UTF8.GetBytes(Render(review)), cancellationToken);

    /// <summary>The whole page as text (the dashboard serves the same page for a run).</summary>
    public static string Render(ReleaseReview review)
    {
        var page = new Page();
        var report = review.Report;
        var verdict = OutcomeLabel.Of(report.Verdict);
        page.Line("<!DOCTYPE html>");
        page.Line("<html lang=\"en\">");
        page.Line("<head>");
        page.Line("<meta charset=\"utf-8\">");
        page.Line($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlAssets.ContentSecurityPolicy}\">");
        page.Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Line("<meta name=\"generator\" content=\"greenlight\">");
        page.Line($"<title>{E(verdict.Word)} · {E(report.Spec)} · Greenlight release review</title>");
        page.Line($"<style>\n{HtmlAssets.Style}\n</style>");
        page.Line("</head>");
        page.Line("<body>");
        page.Line("<a class=\"skip\" href=\"#failures\">Skip to the failures</a>");
        WriteVerdict(page, review);
        page.Line("<main class=\"wrap\">");
        WriteFailures(page, report);
        WriteComparison(page, review);
        WriteChecks(page, review);
        page.Line($"<footer>Greenlight release review · report contract {E(RunReport.SchemaName)} · run <code>{E(report.RunId)}</code> · spec sha256 <code>{E(report.SpecHash)}</code></footer>");
        page.Line("</main>");
        page.Line($"<script>\n{HtmlAssets.Script}\n</script>");
        page.Line("</body>");
        page.Line("</html>");
        return page.ToString();
    }

    private static void WriteVerdict(Page page, ReleaseReview review)
    {
        var report = review.Report;
        var verdict = OutcomeLabel.Of(report.Verdict);
        page.Line($"<header class=\"verdict v-{verdict.CssClass}\">");
        page.Line("<div class=\"wrap\">");
        if (review.Links is { } links)
        {
            page.Line($"<nav class=\"back noprint\" aria-label=\"Dashboard\"><a href=\"{E(links.Home)}\">All releases</a> › <a href=\"{E(links.Spec)}\">{E(report.Spec)}</a></nav>");
        }

        page.Line($"<p class=\"eyebrow\">Release review of <strong>{E(report.Spec)}</strong>{(report.Environment is { } env ? $" in <strong>{E(env)}</strong>" : "")}</p>");
        page.Line($"<h1 id=\"verdict\"><span aria-hidden=\"true\">{verdict.Symbol}</span> {E(verdict.Word)}{(report.Interrupted ? " <small>(interrupted)</small>" : "")}</h1>");
        if (report.Reasons.Count > 0)
        {
            page.Line($"<ul class=\"reasons\" aria-label=\"{(report.Verdict == Verdict.NoGo ? "Why NO-GO" : "Why")}\">");
            foreach (var reason in report.Reasons)
            {
                page.Line($"<li>{E(reason)}</li>");
            }

            page.Line("</ul>");
        }
        else
        {
            page.Line($"<p class=\"reasons\">Every check that was run verified what it claims.</p>");
        }

        foreach (var note in report.Notes)
        {
            page.Line($"<p class=\"note\">Note: {E(note)}</p>");
        }

        var who = report.Provenance;
        page.Line("<dl class=\"facts\">");
        Fact(page, "Spec", $"<code>{E(report.SpecPath)}</code> (sha256 <code>{E(report.SpecHash[..Math.Min(12, report.SpecHash.Length)])}</code>)");
        Fact(page, "Phase", E(report.Phase));
        if (report.Environment is { } environment)
        {
            Fact(page, "Environment", E(environment));
        }

        if (who.GitCommit is { } commit)
        {
            Fact(page, "Commit", $"<code>{E(commit[..Math.Min(12, commit.Length)])}</code>{(who.GitBranch is { } branch ? $" ({E(branch)})" : "")}");
        }

        if (who.User.Length > 0 || who.Host.Length > 0)
        {
            Fact(page, "Run by", $"{E(who.User)}@{E(who.Host)}");
        }

        Fact(page, "Started", Time(report.StartedAt));
        Fact(page, "Took", E(Units.FormatDuration(report.DurationMs)));
        Fact(page, "Run", $"<code>{E(report.RunId[..Math.Min(12, report.RunId.Length)])}</code>");
        page.Line("</dl>");

        var counts = report.Counts;
        page.Line("<ul class=\"counts\" aria-label=\"Counts\">");
        foreach (var (label, count) in new[]
        {
            (OutcomeLabel.Of(CheckOutcome.Pass), counts.Pass), (OutcomeLabel.Of(CheckOutcome.Fail), counts.Fail),
            (OutcomeLabel.Of(CheckOutcome.Error), counts.Error), (OutcomeLabel.Of(CheckOutcome.Skipped), counts.Skipped),
            (OutcomeLabel.Of(CheckOutcome.Pending), counts.Pending), (new OutcomeLabel("≈", "WAIVED", "waived"), counts.Waived),
        })
        {
            page.Line($"<li><span aria-hidden=\"true\">{label.Symbol}</span> <strong>{N(count)}</strong> {label.Word.ToLowerInvariant()}</li>");
        }

        page.Line("</ul>");
        page.Line("</div>");
        page.Line("</header>");
    }

    private static void WriteFailures(Page page, RunReport report)
    {
        var failures = report.Results.Where(r => r.Outcome is CheckOutcome.Fail or CheckOutcome.Error).ToList();
        page.Line("<section id=\"failures\" aria-labelledby=\"h-failures\">");
        page.Line($"<h2 id=\"h-failures\">Failures ({N(failures.Count)})</h2>");
        if (failures.Count == 0)
        {
            page.Line("<p class=\"none\">No check failed or could not run.</p>");
        }

        foreach (var result in failures)
        {
            var label = OutcomeLabel.Of(result);
            page.Line($"<article class=\"failure k-{label.CssClass}\" id=\"{HtmlText.Id("failure-", result.Id)}\">");
            page.Line($"<h3>{Badge(label)}<code>{E(result.Id)}</code>{(result.Title is null ? "" : " " + E(result.Title))}</h3>");
            page.Line($"<p class=\"meta\">{E(Meta(result))} · {(result.Outcome == CheckOutcome.Error ? "could not run" : "failed")} after {N(result.Attempts)} attempt{(result.Attempts == 1 ? "" : "s")}</p>");
            WriteOutline(page, result);
            page.Line($"<p><a href=\"#{HtmlText.Id("check-", result.Id)}\">Evidence and details of <code>{E(result.Id)}</code></a></p>");
            page.Line("</article>");
        }

        page.Line("</section>");
    }

    // What a reader needs to act: the message, the waiver, actual against expected, where it came from, the fix.
    private static void WriteOutline(Page page, CheckResult result)
    {
        if (result.Message is not null)
        {
            page.Line($"<p class=\"message\">{E(result.Message)}</p>");
        }

        if (result.Waiver is { } waiver)
        {
            page.Line($"<p class=\"o-waived\"><strong>{(waiver.Expired ? "Waiver" : "Waived")}:</strong> {E(waiver.Describe())}</p>");
        }

        if (result.BlockedBy.Count > 0)
        {
            page.Line($"<p>Not run: it needs {string.Join(", ", result.BlockedBy.Select(b => $"<a href=\"#{HtmlText.Id("check-", b)}\"><code>{E(b)}</code></a>"))}.</p>");
        }

        if (result.Assertions.Count > 0)
        {
            page.Line("<table class=\"assertions\">");
            page.Line("<caption>Assertions: expected and actual</caption>");
            page.Line("<thead><tr><th scope=\"col\">result</th><th scope=\"col\">assertion</th><th scope=\"col\">expected</th><th scope=\"col\">actual</th></tr></thead>");
            page.Line("<tbody>");
            foreach (var a in result.Assertions)
            {
                var label = a.Passed ? OutcomeLabel.Of(CheckOutcome.Pass) : a.CouldNotEvaluate ? OutcomeLabel.Of(CheckOutcome.Error) : OutcomeLabel.Of(CheckOutcome.Fail);
                page.Line($"<tr><td class=\"o-{label.CssClass}\"><span aria-hidden=\"true\">{label.Symbol}</span> {label.Word.ToLowerInvariant()}</td><td><code>{E(a.Expression)}</code></td><td class=\"v\">{E(a.Expected ?? "")}</td><td class=\"v\">{E(a.Note ?? a.Actual ?? "(missing)")}</td></tr>");
            }

            page.Line("</tbody>");
            page.Line("</table>");
        }

        if (result.Source is not null)
        {
            page.Line($"<p><strong>From:</strong> {E(result.Source)}</p>");
        }

        if (result.Fix is not null)
        {
            page.Line($"<p class=\"fix\"><strong>Fix:</strong> {E(result.Fix)}</p>");
        }
    }

    private static void WriteComparison(Page page, ReleaseReview review)
    {
        page.Line("<section id=\"comparison\" class=\"cmp\" aria-labelledby=\"h-comparison\">");
        page.Line("<h2 id=\"h-comparison\">Compared with the previous run</h2>");
        if (review.Comparison is not { } cmp)
        {
            page.Line($"<p class=\"none\">{E(review.NoComparison ?? HtmlReportWriter.NoStoreReason)}</p>");
            page.Line("</section>");
            return;
        }

        page.Line($"<p>Previous run of this spec and phase: <code>{E(cmp.PreviousRunId[..Math.Min(12, cmp.PreviousRunId.Length)])}</code>, started {Time(cmp.PreviousStartedAt)}, ended {E(VerdictRules.Spell(cmp.PreviousVerdict))}.</p>");
        List(page, "New failures", cmp.NewFailures, "No new failures.");
        List(page, "Fixed", cmp.Fixed, "Nothing that failed before passes now.");
        List(page, "Flaky", cmp.Flaky, "No flaky checks.", $"Passed only after a retry in this run, or changed between pass and not-pass at least twice over the last {N(cmp.RecentRuns)} runs.");
        List(page, $"Slower by more than {((ReleaseReviewBuilder.SlowerRatio - 1) * 100).ToString("0", CultureInfo.InvariantCulture)} %", cmp.Slower, "No check is more than 20 % slower.");
        page.Line("</section>");

        static void List(Page page, string title, IReadOnlyList<ComparedCheck> items, string none, string? about = null)
        {
            page.Line($"<h3>{E(title)} ({N(items.Count)})</h3>");
            if (about is not null)
            {
                page.Line($"<p class=\"meta\">{E(about)}</p>");
            }

            if (items.Count == 0)
            {
                page.Line($"<p class=\"none\">{E(none)}</p>");
                return;
            }

            page.Line("<ul>");
            foreach (var item in items)
            {
                var label = OutcomeLabel.Of(item.After);
                page.Line($"<li><span class=\"o-{label.CssClass}\"><span aria-hidden=\"true\">{label.Symbol}</span> {label.Word}</span> <a href=\"#{HtmlText.Id("check-", item.Id)}\"><code>{E(item.Id)}</code></a>{(item.Title is null ? "" : " " + E(item.Title))}: {E(item.Note)}</li>");
            }

            page.Line("</ul>");
        }
    }

    private static void WriteChecks(Page page, ReleaseReview review)
    {
        var report = review.Report;
        page.Line("<section id=\"checks\" aria-labelledby=\"h-checks\">");
        page.Line($"<h2 id=\"h-checks\">Every check ({N(report.Results.Count)}), by area and phase</h2>");

        // Shown by the script only: without it every check is listed.
        page.Line("<form id=\"tools\" class=\"tools\" hidden role=\"search\" onsubmit=\"return false\">");
        page.Line("<fieldset><legend>Show</legend>");
        foreach (var outcome in new[] { "fail", "error", "warn", "waived", "pending", "skipped", "pass" })
        {
            page.Line($"<label><input type=\"checkbox\" value=\"{outcome}\" checked> {outcome}</label>");
        }

        page.Line("</fieldset>");
        page.Line("<label for=\"search\">Search</label> <input id=\"search\" type=\"search\" placeholder=\"id, title, kind, message\">");
        page.Line("<output id=\"shown\" aria-live=\"polite\"></output>");
        page.Line("</form>");

        foreach (var area in report.Results.GroupBy(r => r.Area ?? "General"))
        {
            page.Line($"<section class=\"group\" aria-label=\"{E(area.Key)}\">");
            page.Line($"<h3>{E(area.Key)}</h3>");
            foreach (var phase in area.GroupBy(r => r.Phase).OrderBy(g => g.Key))
            {
                page.Line($"<div class=\"group\">");
                page.Line($"<h4>{E(phase.Key.Code())}</h4>");
                foreach (var result in phase)
                {
                    WriteCheck(page, review, result);
                }

                page.Line("</div>");
            }

            page.Line("</section>");
        }

        page.Line("</section>");
    }

    private static void WriteCheck(Page page, ReleaseReview review, CheckResult result)
    {
        var label = OutcomeLabel.Of(result);
        var search = string.Join(' ', new[] { result.Id, result.Title, result.Kind.Value, result.Area, result.Message }.Where(s => s is not null)).ToLowerInvariant();
        page.Line($"<details class=\"check\" id=\"{HtmlText.Id("check-", result.Id)}\" data-outcome=\"{label.Filter}\" data-search=\"{E(search)}\">");
        var attempts = result.Attempts > 1 ? $" · {N(result.Attempts)} attempts{(result.Flaky ? " (flaky)" : "")}" : "";
        page.Line($"<summary>{Badge(label)}<code class=\"t\">{E(result.Id)}</code>{(result.Title is null ? "" : $" <span class=\"t\">{E(result.Title)}</span>")}<span class=\"dur\">{E(Units.FormatDuration(result.DurationMs))}{attempts}</span></summary>");
        page.Line("<div class=\"body\">");
        page.Line($"<p class=\"meta\">{E(Meta(result))} · phase {E(result.Phase.Code())}{(result.StartedAt == default ? "" : " · started " + Time(result.StartedAt))}</p>");
        WriteOutline(page, result);
        foreach (var warning in result.Warnings)
        {
            page.Line($"<p class=\"o-warn\"><span aria-hidden=\"true\">⚠</span> warning: {E(warning)}</p>");
        }

        if (result.AttemptLog.Count > 1)
        {
            page.Line("<table class=\"attempts\"><caption>Attempts</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">outcome</th><th scope=\"col\">time</th><th scope=\"col\">message</th></tr></thead><tbody>");
            foreach (var attempt in result.AttemptLog)
            {
                var a = OutcomeLabel.Of(attempt.Outcome);
                page.Line($"<tr><td>{N(attempt.Number)}</td><td class=\"o-{a.CssClass}\"><span aria-hidden=\"true\">{a.Symbol}</span> {a.Word.ToLowerInvariant()}</td><td>{E(Units.FormatDuration(attempt.DurationMs))}</td><td>{E(attempt.Message ?? "")}</td></tr>");
            }

            page.Line("</tbody></table>");
        }

        if (result.Captures.Count > 0)
        {
            page.Line("<table class=\"captures\"><caption>Captured values</caption><thead><tr><th scope=\"col\">name</th><th scope=\"col\">value</th></tr></thead><tbody>");
            foreach (var (name, value) in result.Captures.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                page.Line($"<tr><td><code>{E(name)}</code></td><td class=\"v\">{E(value)}</td></tr>");
            }

            page.Line("</tbody></table>");
        }

        if (review.Measurements.TryGetValue(result.Id, out var measurements) && measurements.Count > 0)
        {
            page.Line("<figure class=\"measurements\">");
            page.Line($"<figcaption>Measurements over the window</figcaption>");
            page.Line(MeasurementChart.Svg(result.Id, measurements));
            page.Line("</figure>");
        }

        foreach (var item in result.Evidence.Where(e => e.Name != Waivers.AppliedWaiver.EvidenceName))
        {
            WriteEvidence(page, item);
        }

        page.Line("</div>");
        page.Line("</details>");
    }

    private static void WriteEvidence(Page page, EvidenceItem item)
    {
        var content = item.Content;
        long? full = item.FullLength;
        if (content.Length > EvidenceLimit)
        {
            full ??= content.Length;
            content = content[..EvidenceLimit];
        }

        var cut = full is long n ? $" <span class=\"cut\">(first {N(content.Length)} of {N(n)} characters)</span>" : "";
        page.Line($"<details class=\"evidence\"><summary>Evidence: {E(item.Name)}{cut}</summary>");
        page.Line($"<pre tabindex=\"0\">{E(content)}</pre>");
        page.Line("</details>");
    }

    private static string Meta(CheckResult result) =>
        $"{result.Kind} · {result.Severity.Code()}{(result.Area is null ? "" : " · " + result.Area)}";

    private static string Badge(OutcomeLabel label) =>
        $"<span class=\"badge o-{label.CssClass}\"><span aria-hidden=\"true\">{label.Symbol}</span> {label.Word}</span>";

    private static void Fact(Page page, string name, string html) => page.Line($"<div><dt>{name}</dt><dd>{html}</dd></div>");

    private static string Time(DateTimeOffset value) =>
        $"<time datetime=\"{value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}\">{value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>";

    private static string E(string? text) => HtmlText.Encode(text);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Page
    {
        private readonly StringBuilder _sb = new(64 * 1024);

        public void Line(string text) => _sb.Append(text).Append('\n');

        public override string ToString() => _sb.ToString();
    }
}
