using System.Text.Json;
using Microsoft.Playwright;
using NetWatch.Tests.Shared;

namespace NetWatch.Web.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (nothing downloaded: see shared/notes/platform.md), with axe-core injected
/// into every page, a phone-sized and a desktop context, and screenshots saved under .ci/out/screenshots.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public static readonly string Screenshots = RepoFiles.Path(".ci", "out", "screenshots");
    private static readonly string Axe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js"));

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies): desktop, or a phone's viewport; light or dark.</summary>
    /// <param name="phoneWidth">The phone's width in CSS pixels (390 by default; 375 for an older, smaller phone).</param>
    public async Task<IPage> NewPageAsync(Uri baseUrl, bool phone = false, bool dark = false, int phoneWidth = 390)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = phoneWidth, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
            AcceptDownloads = true,
            Locale = "en-GB",
        });
        // An init script runs in the page's world before its own scripts, past the page's CSP (no inline script is allowed there).
        await context.AddInitScriptAsync(Axe);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page as <paramref name="account"/> and waits for its home page.</summary>
    public static async Task SignInAsync(IPage page, string account)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Account name").FillAsync(account);
        await page.GetByLabel("Password").FillAsync(WebApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// Runs axe-core on the page as it is (WCAG 2.0, 2.1 and 2.2, A and AA) and fails on any serious or critical
    /// violation, naming the rule and the elements; then saves a full-page screenshot as NAME.png. A page never shows
    /// the store's "(none)" for a missing value, in its text or its charts' data: it says what it means (GroupName).
    /// </summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var json = await page.EvaluateAsync<string>(@"async () => {
            const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
            return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })));
        }");
        using var doc = JsonDocument.Parse(json);
        var serious = doc.RootElement.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Take(5))}")
            .ToList();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        Assert.True(serious.Count == 0, $"{name}: axe-core found {serious.Count} serious or critical violations:\n" + string.Join("\n", serious));
        Assert.DoesNotContain(NetWatch.Storage.Contracts.Aggregates.AggregateRow.NoValue, await page.ContentAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
