using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Greenlight.Tests.Fixtures;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c>, launched by its executable path: Playwright's own
/// browser download cannot work here), driven by Microsoft.Playwright. One browser per test class
/// (<c>IClassFixture&lt;BrowserFixture&gt;</c>); each test opens its own context, so pages share nothing.
/// A machine without chromium or axe-core fails the test with the command that fixes it, never skips.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Overrides where chromium is looked for (a path to the executable).</summary>
    public const string ChromiumVariable = "GREENLIGHT_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not started");

    /// <summary>Where axe-core's script is: <c>tests/.npm/node_modules/axe-core/axe.min.js</c>, installed by test.sh.</summary>
    public static string AxeScript => Path.Combine(RepositoryPaths.Root, "tests", ".npm", "node_modules", "axe-core", "axe.min.js");

    public static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{ChromiumVariable}={configured}: no such file. Unset it, or install Debian's browser: apt-get install chromium");
        }

        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"chromium is not installed (looked for {string.Join(", ", Candidates)}): run `apt-get install chromium` (./test.sh installs it), or set {ChromiumVariable} to a Chromium executable");
    }

    public async Task InitializeAsync()
    {
        var executable = ChromiumPath();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,

            // Tests run as root in a container: Chromium refuses its sandbox there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            Timeout = 30_000,
        });
    }

    /// <summary>A page in a context of its own; <paramref name="javaScript"/> false proves a page works without script.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, ColorScheme colorScheme = ColorScheme.Light, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            ColorScheme = colorScheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Injects axe-core into the page and returns its serious and critical violations, each as
    /// "rule (impact): help — first targets", so a failing assertion says what to fix.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousAxeViolationsAsync(IPage page)
    {
        if (!File.Exists(AxeScript))
        {
            throw new InvalidOperationException($"axe-core is not installed ({AxeScript} is missing): run `npm install --prefix tests/.npm axe-core` from the repository root (./test.sh does it)");
        }

        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        return [.. found.EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>
    /// Pixels that may change before a docs screenshot counts as changed: a duration drawn one pixel
    /// longer or a digit that differs moves far fewer; a new column, row or colour moves far more.
    /// </summary>
    public const double VisibleChange = 0.001;

    /// <summary>
    /// Takes a screenshot for docs/images and writes it only when it differs visibly from the file
    /// there (more than <paramref name="tolerance"/> of the pixels, or another size), so a test run
    /// leaves the committed images alone when nothing changed. PNG bytes are not compared: the encoder
    /// and anti-aliasing differ run to run; the browser decodes both images and compares pixels.
    /// </summary>
    public async Task<bool> DocsScreenshotAsync(IPage page, string path, bool fullPage = true, double tolerance = VisibleChange)
    {
        var shot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = fullPage, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        if (File.Exists(path))
        {
            var old = await File.ReadAllBytesAsync(path);
            if (old.AsSpan().SequenceEqual(shot) || await ChangedPixelsAsync(old, shot) <= tolerance)
            {
                return false;
            }
        }

        await File.WriteAllBytesAsync(path, shot);
        return true;
    }

    /// <summary>The share of pixels (0 to 1) where any channel differs by more than 32 of 255; 1 when the sizes differ.</summary>
    public async Task<double> ChangedPixelsAsync(byte[] pngA, byte[] pngB)
    {
        var page = await NewPageAsync();
        try
        {
            return await page.EvaluateAsync<double>("""
                async ([a, b]) => {
                  const load = async s => { const img = new Image(); img.src = 'data:image/png;base64,' + s; await img.decode(); return img; };
                  const [x, y] = [await load(a), await load(b)];
                  if (x.naturalWidth !== y.naturalWidth || x.naturalHeight !== y.naturalHeight) { return 1; }
                  const pixels = img => {
                    const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
                    const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height).data;
                  };
                  const [p, q] = [pixels(x), pixels(y)];
                  let changed = 0;
                  for (let i = 0; i < p.length; i += 4) {
                    if (Math.abs(p[i] - q[i]) > 32 || Math.abs(p[i + 1] - q[i + 1]) > 32 || Math.abs(p[i + 2] - q[i + 2]) > 32 || Math.abs(p[i + 3] - q[i + 3]) > 32) { changed++; }
                  }
                  return changed / (p.length / 4);
                }
                """, new[] { Convert.ToBase64String(pngA), Convert.ToBase64String(pngB) });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
