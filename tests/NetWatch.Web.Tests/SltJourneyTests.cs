using Microsoft.Playwright;
using NetWatch.Storage.Contracts.Audit;

namespace NetWatch.Web.Tests;

/// <summary>The SLT's journey: the weekly dashboard with pseudonyms, a name revealed only with a reason (recorded), the termly report.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SltJourneyTests(WebApp app, Browser browser)
{
    [Fact]
    public async Task The_SLT_sees_pseudonyms_and_reveals_one_with_a_reason_that_is_recorded()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "slt");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Week of Mon 23 Nov 2026");
        await Assertions.Expect(page.Locator("#personal-group")).ToContainTextAsync("Year 7");
        await Assertions.Expect(page.Locator("#domains")).ToContainTextAsync("google.com");
        await Browser.CheckAsync(page, "slt-dashboard");

        var pseudonyms = page.Locator("#prohibited .pseudonym");
        Assert.True(await pseudonyms.CountAsync() > 0, "the week holds prohibited page views, listed by pseudonym");
        var first = (await pseudonyms.First.TextContentAsync())!;
        Assert.Matches("^p-[0-9a-f]{16}$", first);
        var table = await page.Locator("#prohibited").InnerTextAsync();
        foreach (var person in new[] { "y9.khan", "p.jones", "j.smith", "y7.ahmed" }) Assert.DoesNotContain(person, table);

        // A reason too short is refused and reveals nothing.
        var row = page.Locator("#prohibited tbody tr").First;
        await row.Locator("summary").ClickAsync();
        await row.GetByLabel("Reason for revealing (recorded)").FillAsync("curious");
        await row.GetByLabel("Reason for revealing (recorded)").EvaluateAsync("e => e.removeAttribute('minlength')");
        await row.GetByRole(AriaRole.Button, new() { Name = "Reveal name" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("at least 10 characters");
        Assert.Equal(0, await page.Locator(".revealed").CountAsync());

        row = page.Locator("#prohibited tbody tr").First;
        await row.Locator("summary").ClickAsync();
        const string reason = "Governors' meeting on repeated gambling site visits, case 2026-14";
        await row.GetByLabel("Reason for revealing (recorded)").FillAsync(reason);
        await row.GetByRole(AriaRole.Button, new() { Name = "Reveal name" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync($"{first} is ");
        var revealed = (await page.Locator(".revealed").TextContentAsync())!;
        Assert.Matches(@"^[a-z0-9.]+$", revealed);
        await Browser.CheckAsync(page, "slt-revealed");

        var records = await app.Store.Audit.ReadAsync(new AuditQuery(Actor: "slt", Action: "pseudonyms.reveal"), default);
        var record = Assert.Single(records, r => r.Record.Purpose == reason).Record;
        Assert.Equal(1, record.Rows);
        Assert.Contains(first, record.Query);
        Assert.Equal(WebApp.School, record.School);
    }

    [Fact]
    public async Task The_dashboard_works_on_a_phone_in_dark_mode()
    {
        var page = await browser.NewPageAsync(app.Address, phone: true, dark: true);
        await Browser.SignInAsync(page, "slt");
        await Assertions.Expect(page.Locator("#categories")).ToBeVisibleAsync();
        await Browser.CheckAsync(page, "slt-dashboard-phone-dark");
    }

    [Fact]
    public async Task A_week_without_activity_says_where_the_data_is()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "slt");
        await page.GotoAsync("/slt?week=2026-09-07");
        await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync("No page views in this week");
        await page.GetByRole(AriaRole.Link, new() { Name = "Show the latest week with activity" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Week of Mon 23 Nov 2026");
        await page.GotoAsync("/slt?week=2026-09-07");
        await Browser.CheckAsync(page, "slt-empty-week");
    }

    [Fact]
    public async Task The_termly_report_is_a_printable_page_and_prints_to_PDF()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "slt");
        await page.GetByRole(AriaRole.Link, new() { Name = "Termly report" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Termly report: Autumn 2026");
        await Assertions.Expect(page.Locator("#personal-group")).ToContainTextAsync("Year 7");
        await Assertions.Expect(page.Locator("#trend-table")).ToContainTextAsync("2026-W48");
        Assert.DoesNotContain("y9.khan", await page.Locator("main").InnerTextAsync());
        await Browser.CheckAsync(page, "slt-report");

        // Chromium's print-to-PDF of the page as printed (the print stylesheet hides navigation and forms).
        var pdf = Path.Combine(Browser.Screenshots, "slt-report.pdf");
        var bytes = await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.True(bytes.Length > 20_000, $"the report's PDF holds its tables and charts ({bytes.Length} bytes)");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "slt-report-print.png"), FullPage = true });
    }
}
