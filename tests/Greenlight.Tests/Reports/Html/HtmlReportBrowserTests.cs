using Greenlight.Tests.Fixtures;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Reports.Html;

/// <summary>The HTML review of a real run, opened from disk (file://) in a real Chromium.</summary>
public class HtmlReportBrowserTests(BrowserFixture browser, ReviewRunsFixture runs) : IClassFixture<BrowserFixture>, IClassFixture<ReviewRunsFixture>
{
    private string Url => new Uri(runs.ReviewPath).AbsoluteUri;

    private async Task<IPage> OpenAsync(bool javaScript = true, ColorScheme scheme = ColorScheme.Light)
    {
        var page = await browser.NewPageAsync(javaScript, scheme);
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(Url);
        requests.ShouldAllBe(u => u.StartsWith("file://", StringComparison.Ordinal), "the page must fetch nothing");
        return page;
    }

    [Fact]
    public async Task Open_FirstScreen_ShowsVerdictReasonsAndFailuresFirst()
    {
        var page = await OpenAsync();

        (await page.Locator("h1").InnerTextAsync()).ShouldContain("NO-GO");
        var reasons = await page.Locator(".reasons li").AllInnerTextsAsync();
        reasons.ShouldContain(r => r.Contains("api.health", StringComparison.Ordinal));
        (await page.Locator(".facts").InnerTextAsync()).ShouldContain("greenlight.yaml");

        // The first failure starts on the first screen (900 px high), before the list of every check.
        var first = page.Locator("article.failure").First;
        (await first.BoundingBoxAsync())!.Y.ShouldBeLessThan(900);
        var failureIds = await page.Locator("article.failure h3 code").AllInnerTextsAsync();
        failureIds.ShouldBe(["api.health", "db.failed-jobs"], ignoreOrder: true);
        var health = page.Locator("#failure-api\\.health");
        (await health.Locator(".fix").InnerTextAsync()).ShouldContain("Set OPENAI_API_KEY on the host");
        var row = await health.Locator("table.assertions tbody tr").First.AllInnerTextsAsync();
        row[0].ShouldContain("status == 200");
        row[0].ShouldContain("503");
        (await health.Locator("a[href='#check-api.health']").CountAsync()).ShouldBe(1);

        // The fixture records real runs now: start time, durations and run ids change a few pixels every run.
        await browser.DocsScreenshotAsync(page, Path.Combine(RepositoryPaths.Docs, "images", "report.png"), fullPage: false, tolerance: 0.01);
    }

    [Fact]
    public async Task Open_Comparison_NamesNewFailuresFixedFlakyAndSlower()
    {
        var page = await OpenAsync();

        var text = await page.Locator("#comparison").InnerTextAsync();
        text.ShouldContain(runs.FirstRun[..12]);
        var lists = page.Locator("#comparison ul");
        text.ShouldContain("New failures (3)", customMessage: text);
        var newFailures = await page.Locator("#comparison h3:has-text('New failures') + ul li").AllInnerTextsAsync();
        newFailures.ShouldContain(f => f.Contains("db.failed-jobs", StringComparison.Ordinal) && f.Contains("pass before, fail now", StringComparison.Ordinal));
        newFailures.ShouldContain(f => f.Contains("api.chat", StringComparison.Ordinal), "a check skipped because its need failed is not verified now");
        (await page.Locator("#comparison h3:has-text('Fixed') + ul").InnerTextAsync()).ShouldContain("api.version");
        (await page.Locator("#comparison h3:has-text('Flaky') + p + ul").InnerTextAsync()).ShouldContain("tool.retry Cache warms up: passed on attempt 2");
        // Other checks may be slower too on a busy machine; the one that slowed down by 1.5 s leads the list.
        (await page.Locator("#comparison h3:has-text('Slower') + ul li").First.InnerTextAsync()).ShouldContain("api.slow Search answers:", customMessage: text);
        (await lists.CountAsync()).ShouldBe(4);
    }

    [Fact]
    public async Task Click_CheckAndEvidence_UnfoldsTheResponse()
    {
        var page = await OpenAsync();
        var check = page.Locator("#check-api\\.health");
        var response = check.Locator("details.evidence:has(summary:has-text('response')) pre");

        (await response.IsVisibleAsync()).ShouldBeFalse();
        await check.Locator("summary").First.ClickAsync();
        await check.Locator("details.evidence summary:has-text('response')").ClickAsync();

        (await response.IsVisibleAsync()).ShouldBeTrue();
        (await response.InnerTextAsync()).ShouldContain("503");
        var query = page.Locator("#check-db\\.failed-jobs details.evidence:has(summary:has-text('query')) pre");
        await page.Locator("#check-db\\.failed-jobs > summary").ClickAsync();
        await page.Locator("#check-db\\.failed-jobs details.evidence summary:has-text('query')").ClickAsync();
        (await query.InnerTextAsync()).ShouldContain("SELECT count(*) AS n FROM jobs");
    }

    [Fact]
    public async Task Filter_ByOutcomeAndSearch_HidesTheRest()
    {
        var page = await OpenAsync();
        var checks = page.Locator("#checks details.check");
        (await checks.CountAsync()).ShouldBe(6);

        await page.Locator("#tools input[value=pass]").UncheckAsync();
        var visible = await page.Locator("#checks details.check:visible > summary code").AllInnerTextsAsync();
        visible.ShouldBe(["api.health", "api.chat", "db.failed-jobs"], ignoreOrder: true);

        await page.Locator("#tools input[value=pass]").CheckAsync();
        await page.Locator("#search").FillAsync("jobs");
        (await page.Locator("#checks details.check:visible > summary code").AllInnerTextsAsync()).ShouldBe(["db.failed-jobs"]);
        (await page.Locator("#shown").InnerTextAsync()).ShouldBe("1 shown");
        (await page.Locator("section.group:visible h3").AllInnerTextsAsync()).ShouldBe(["DB"]);
    }

    [Fact]
    public async Task Tab_FromTheTop_ReachesEverySummary()
    {
        var page = await OpenAsync();
        var summaries = await page.Locator("summary:visible").CountAsync();
        var reached = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 200 && reached.Count < summaries; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.tagName === 'SUMMARY' ? document.activeElement.parentElement.id || document.activeElement.textContent : null");
            if (focused is not null)
            {
                reached.Add(focused);
            }
        }

        reached.Count.ShouldBe(summaries);

        // Enter on a focused summary opens it.
        await page.Locator("#check-api\\.health > summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        (await page.Locator("#check-api\\.health").GetAttributeAsync("open")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Open_WithoutJavaScript_ListsEveryCheckAndStillUnfolds()
    {
        var page = await OpenAsync(javaScript: false);

        (await page.Locator("#tools").IsVisibleAsync()).ShouldBeFalse("the filter needs the script, so it is hidden without it");
        (await page.Locator("#checks details.check:visible").CountAsync()).ShouldBe(6);
        await page.Locator("#check-api\\.health > summary").ClickAsync();
        (await page.Locator("#check-api\\.health .body").IsVisibleAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Open_PageTextAndSource_NeverHoldTheSecret()
    {
        var page = await OpenAsync();
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");

        var text = await page.Locator("body").InnerTextAsync();
        text.ShouldContain("***");
        text.ShouldNotContain(ReviewRunsFixture.Token);
        (await page.ContentAsync()).ShouldNotContain(ReviewRunsFixture.Token);
        runs.Html.ShouldNotContain(ReviewRunsFixture.Token);
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Axe_OpenPageInBothSchemes_HasNoSeriousViolations(ColorScheme scheme)
    {
        var page = await OpenAsync(scheme: scheme);
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");

        var violations = await BrowserFixture.SeriousAxeViolationsAsync(page);

        violations.ShouldBeEmpty(string.Join("\n", violations));
    }

    [Fact]
    public async Task Print_EmulatedMedia_HidesToolsAndShowsEvidence()
    {
        var page = await OpenAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        (await page.Locator("#tools").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("#check-api\\.health details.evidence pre").First.IsVisibleAsync()).ShouldBeTrue("folded evidence is printed");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header.verdict')).backgroundColor");
        background.ShouldBe("rgb(255, 255, 255)");
        var pdf = await page.PdfAsync();
        pdf.Length.ShouldBeGreaterThan(1000);
    }
}
