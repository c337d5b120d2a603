using Greenlight.Tests.Fixtures;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Greenlight.Tests.Dashboard;

/// <summary>
/// The dashboard in a real Chromium over HTTP, against a store filled by real runs: the verdict,
/// the strip, navigation by mouse and keyboard, the live watch update, axe-core, and no secret in the
/// page. The screenshots in docs/images/dashboard-*.png are written by these tests.
/// </summary>
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string Image(string name) => Path.Combine(RepositoryPaths.Docs, "images", $"dashboard-{name}.png");

    [Fact]
    public async Task Home_VerdictStripAndNavigationToSpecAndRun()
    {
        var (site, shop) = await DashboardServerTests.FilledAsync();
        await using var _ = await site.ServeAsync();
        var page = await browser.NewPageAsync(); // the pages need no script; axe-core does

        await page.GotoAsync(site.Url + "/");

        var row = page.Locator("tr", new PageLocatorOptions { Has = page.Locator("a[href='/specs/shop-api']") });
        (await row.Locator(".verdict").InnerTextAsync()).ShouldBe("✗ NO-GO");
        (await row.Locator(".strip li").CountAsync()).ShouldBe(4);
        (await row.Locator(".strip a").First.GetAttributeAsync("aria-label"))!.ShouldStartWith("NO-GO, all, 2026-11-30 09:30");
        (await BrowserFixture.SeriousAxeViolationsAsync(page)).ShouldBeEmpty();
        await browser.DocsScreenshotAsync(page, Image("home"));

        await page.ClickAsync("a[href='/specs/shop-api']");
        (await page.TitleAsync()).ShouldBe("shop-api · Greenlight");
        (await page.Locator("#flaky + ul li").InnerTextAsync()).ShouldStartWith("api.flaky: 3 flips");
        (await BrowserFixture.SeriousAxeViolationsAsync(page)).ShouldBeEmpty();
        // Its sparklines and average durations are real run times, which move a few pixels every run.
        await browser.DocsScreenshotAsync(page, Image("spec"), tolerance: 0.01);

        await page.ClickAsync($"a[href='/runs/{shop[3].RunId}']");
        (await page.Locator("body").InnerTextAsync()).ShouldContain("NO-GO");
        (await page.Locator("body").InnerTextAsync()).ShouldContain("Restart the worker.");
    }

    [Fact]
    public async Task Watch_RunningWindow_NewMeasurementArrivesBySseWithoutReload()
    {
        await using var live = await WatchLiveTests.StartAsync(); // a real watch runner writing the store, on a fake clock
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{live.Site.Url}/watch/{live.RunId}");
        var rows = page.Locator("tbody[data-check='api.latency'] tr");
        (await rows.CountAsync()).ShouldBe(1); // tick 0, served with the page
        await page.EvaluateAsync("() => { window.glNotReloaded = true; }");

        // Tick 1 is due at 10 s. Once the runner has committed it, a few more seconds let the feed poll,
        // and the clock stops well before tick 2 (20 s) and the end (30 s), which reloads the page.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var after = 0;
        while (after < 3)
        {
            live.Time.Advance(TimeSpan.FromSeconds(1));
            var committed = (await live.Site.Dashboard!.WatchAsync(live.RunId, 0, patience.Token))!.Measurements.Count > 0;
            after += committed ? 1 : 0;
            await Task.Delay(committed ? 300 : 20, patience.Token);
        }

        await rows.Nth(1).WaitForAsync();
        (await page.EvaluateAsync<bool>("() => window.glNotReloaded === true")).ShouldBeTrue("the row arrived by a reload, not by server-sent events");
        (await rows.Nth(1).Locator("td").First.InnerTextAsync()).ShouldBe("1");
        (await rows.Nth(1).InnerTextAsync()).ShouldContain("✓ pass");
        (await page.Locator("#watch-state").InnerTextAsync()).ShouldStartWith("… running");
        (await BrowserFixture.SeriousAxeViolationsAsync(page)).ShouldBeEmpty();
        await browser.DocsScreenshotAsync(page, Image("watch"));
    }

    [Fact]
    public async Task DocsScreenshot_SamePageLeftAlone_VisibleChangeWritten()
    {
        var (site, _) = await DashboardServerTests.FilledAsync();
        await using var _ = await site.ServeAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url + "/");
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "home.png");

        (await browser.DocsScreenshotAsync(page, path)).ShouldBeTrue(); // no file yet
        var first = await File.ReadAllBytesAsync(path);
        await page.ReloadAsync();
        (await browser.DocsScreenshotAsync(page, path)).ShouldBeFalse();
        (await File.ReadAllBytesAsync(path)).ShouldBe(first);

        await page.EvaluateAsync("() => document.querySelector('h1').textContent = 'Every release we ever shipped, and more'");
        (await browser.DocsScreenshotAsync(page, path)).ShouldBeTrue();
        (await browser.ChangedPixelsAsync(first, await File.ReadAllBytesAsync(path))).ShouldBeGreaterThan(BrowserFixture.VisibleChange);
    }

    [Fact]
    public async Task Home_Keyboard_SkipLinkThenTabToASpecAndEnter()
    {
        var (site, _) = await DashboardServerTests.FilledAsync();
        await using var _ = await site.ServeAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.Url + "/");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).ShouldBe("Skip to content");
        await page.Keyboard.PressAsync("Enter");
        // Following a fragment link updates the URL after the key press returns: wait for it, not a race.
        await page.WaitForFunctionAsync("() => location.hash === '#main'", null, new() { Timeout = 10_000 });
        page.Url.ShouldEndWith("/#main");
        var focused = new List<string?>();
        for (var i = 0; i < 30 && focused.LastOrDefault() != "/specs/auth"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('href')"));
        }

        focused.ShouldContain("/specs/auth", string.Join(" ", focused));

        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => location.pathname === '/specs/auth'");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("auth");
    }

    [Fact]
    public async Task Pages_NoSecretInTextOrSource()
    {
        var secret = "sk-live-" + Guid.NewGuid().ToString("N");
        await using var site = await DashboardSite.SqliteAsync();
        var run = await site.RecordAsync("""
            version: 1
            name: leaky
            checks:
              - { id: echo, kind: command, run: 'echo "token ${API_TOKEN}"; exit 1' }
            """, 0, new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH")!, ["API_TOKEN"] = secret });
        await site.ServeAsync();
        var page = await browser.NewPageAsync();

        foreach (var path in new[] { "/", "/specs/leaky", $"/runs/{run.RunId}" })
        {
            await page.GotoAsync(site.Url + path);
            (await page.Locator("body").InnerTextAsync()).ShouldNotContain(secret, customMessage: path);
            (await page.ContentAsync()).ShouldNotContain(secret, customMessage: path);
        }
    }
}
