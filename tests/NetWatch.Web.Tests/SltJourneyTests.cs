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
    public async Task The_termly_reports_breaches_list_each_person_with_their_prohibited_page_views_and_no_one_else()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "slt");
        await page.GotoAsync("/slt/report?term=Autumn%202026");
        var rows = await page.Locator("#prohibited tbody tr").AllAsync();
        var listed = new List<(string Person, long Views)>();
        foreach (var row in rows)
            listed.Add(((await row.Locator("th").InnerTextAsync()).Trim(), long.Parse((await row.Locator("td").InnerTextAsync()).Replace(",", ""))));

        // The people the store holds prohibited page views of this term (read event by event, not through the aggregates).
        var term = app.Web.Terms.Single(t => t.Name == "Autumn 2026");
        var query = new NetWatch.Storage.Contracts.Search.EventQuery
        {
            From = NetWatch.Web.Pages.Display.StartOf(term.Start, app.Web.Zone), To = NetWatch.Web.Pages.Display.StartOf(term.End.PlusDays(1), app.Web.Zone),
            School = WebApp.School, Findings = false, Verdict = "prohibited",
        };
        var byPerson = new Dictionary<string, long>();
        await foreach (var e in app.Store.Search.StreamAsync(query, default))
            byPerson[e.UserName ?? ""] = byPerson.GetValueOrDefault(e.UserName ?? "") + 1;
        Assert.True(byPerson.Count <= 20, "the table lists the top 20: this check needs every one listed");

        Assert.All(listed, r => Assert.True(r.Views > 0, $"{r.Person} is listed with {r.Views} page views"));
        Assert.Equal(byPerson.Values.OrderByDescending(v => v), listed.Select(r => r.Views).OrderByDescending(v => v));
        Assert.Equal(byPerson.Count(p => p.Key != ""), listed.Count(r => r.Person.StartsWith("p-")));
        Assert.Equal(byPerson.GetValueOrDefault(""), listed.Where(r => r.Person == "Not attributed").Sum(r => r.Views));
        var people = byPerson.Count(p => p.Key != "");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"{people} people visited prohibited categories this term ({byPerson.Values.Sum()} page views)");
    }

    [Fact]
    public async Task Without_Chromium_the_PDF_page_says_why_with_503()
    {
        await using var host = await TestHost.StartAsync(app.Store, app.Options,
            app.Web with { Chromium = "/nonexistent/chromium" }, app.Feed);
        var page = await browser.NewPageAsync(NetWatch.Api.Hosting.ApiHost.Address(host));
        await Browser.SignInAsync(page, "slt");
        var response = await page.GotoAsync("/slt/report.pdf?term=Autumn%202026");
        Assert.Equal(503, response!.Status);
        await Assertions.Expect(page.Locator("#pdf-problem")).ToHaveTextAsync("there is no Chromium at /nonexistent/chromium (reports.chromium)");
        await page.GetByRole(AriaRole.Link, new() { Name = "termly report page" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Termly report: Autumn 2026");
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
        await Assertions.Expect(page.Locator("#trend-table")).ToContainTextAsync("Week of 23 Nov");
        Assert.DoesNotContain("y9.khan", await page.Locator("main").InnerTextAsync());
        await Browser.CheckAsync(page, "slt-report");

        // The PDF the server prints with Chromium, downloaded as a person would: the same figures, pseudonyms, no names.
        var pseudonyms = await page.Locator("#prohibited .pseudonym").AllTextContentsAsync();
        Assert.NotEmpty(pseudonyms);
        var cards = await page.Locator(".cards .value").AllTextContentsAsync();
        var topSite = await page.Locator("#domains tbody tr").First.Locator("th").TextContentAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        var pdf = Path.Combine(Browser.Screenshots, "slt-report.pdf");
        await download.SaveAsAsync(pdf);
        Assert.Equal("netwatch-termly-report-autumn-2026.pdf", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        var text = PdfText.Of(pdf);
        Assert.Contains("Termly report: Autumn 2026", text);
        foreach (var value in cards) Assert.Contains(value, text);
        Assert.Contains(topSite!, text);
        foreach (var p in pseudonyms) Assert.Contains(p, text);
        foreach (var person in new[] { "y9.khan", "p.jones", "j.smith", "y7.ahmed" }) Assert.DoesNotContain(person, text);
        Assert.DoesNotContain("Download PDF", text); // printed as the print stylesheet shows it: no forms or buttons
        // The print is read as the SLT account: one audit record, marked as the PDF's.
        var records = await app.Store.Audit.ReadAsync(new AuditQuery(Actor: "slt", Action: "aggregates"), default);
        Assert.Single(records, r => r.Record.Query is { } q && q.Contains("\"format\":\"pdf\"", StringComparison.Ordinal));

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.Screenshots, "slt-report-print.png"), FullPage = true });
    }
}
