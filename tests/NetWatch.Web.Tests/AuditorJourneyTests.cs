using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Web.Tests;

/// <summary>The auditor's journey: the purpose first, a search, its CSV export (rows equal to the search), who visited a site, the audit log.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class AuditorJourneyTests(WebApp app, Browser browser)
{
    private const string Purpose = "Parent complaint 2026-31 about access to social media";

    [Fact]
    public async Task The_auditor_states_a_purpose_searches_and_exports_exactly_the_search_as_CSV()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "auditor");
        Assert.Equal(0, await page.GetByLabel("Site (domain)").CountAsync());
        await Browser.CheckAsync(page, "auditor-purpose");
        await page.GetByLabel("Purpose of this search").FillAsync(Purpose);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("#purpose-shown")).ToContainTextAsync(Purpose);

        await page.GetByLabel("Site (domain)").FillAsync("google.com");
        await page.GetByLabel("From (date)").FillAsync("2026-11-24");
        await page.GetByLabel("To (date, included)").FillAsync("2026-11-24");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var count = await page.Locator("#result-count").TextContentAsync();
        var total = long.Parse(CountPattern().Match(count!).Groups[1].Value.Replace(",", ""));
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"];
        var expected = await app.Store.Search.CountAsync(new EventQuery
        {
            Domain = "google.com", School = null,
            From = new NodaTime.LocalDate(2026, 11, 24).AtStartOfDayInZone(zone).ToInstant(),
            To = new NodaTime.LocalDate(2026, 11, 25).AtStartOfDayInZone(zone).ToInstant(),
        }, default);
        Assert.Equal(expected, total);
        Assert.True(total > 50, "the sample day holds more google.com page views than one page");
        Assert.Equal(50, await page.Locator("#results tbody tr").CountAsync());
        await Browser.CheckAsync(page, "auditor-results");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(total, csv.Length - 1);
        Assert.StartsWith("@timestamp", csv[0]);
        Assert.All(csv.Skip(1), line => Assert.Contains("google.com", line));

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.Locator("#result-count")).ToContainTextAsync("page 2");

        var records = await app.Store.Audit.ReadAsync(new AuditQuery(Actor: "auditor"), default);
        Assert.Contains(records, r => r.Record.Action == "events.export" && r.Record.Purpose == Purpose && r.Record.Rows == total);
        Assert.Contains(records, r => r.Record.Action == "events.search" && r.Record.Purpose == Purpose && r.Record.Rows == 50);
    }

    [Fact]
    public async Task A_search_with_no_results_names_the_filter_that_excluded_everything()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "auditor");
        await page.GotoAsync($"/auditor?purpose={Uri.EscapeDataString(Purpose)}&go=1&domain=google.com&verdict=prohibited");
        await Assertions.Expect(page.Locator("#no-results")).ToContainTextAsync("The verdict filter (“prohibited”) excluded everything");
        await Assertions.Expect(page.Locator("#no-results")).ToContainTextAsync("The site filter (“google.com”) excluded everything");
        await Browser.CheckAsync(page, "auditor-no-results");
    }

    [Fact]
    public async Task Who_visited_a_site_lists_people_and_links_to_their_events()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "auditor");
        await page.GotoAsync($"/auditor/visitors?purpose={Uri.EscapeDataString(Purpose)}&domain=facebook.com");
        var rows = page.Locator("#visitors tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        await Browser.CheckAsync(page, "auditor-visitors");
        var person = (await rows.First.Locator("th a").TextContentAsync())!;
        await rows.First.Locator("th a").ClickAsync();
        await Assertions.Expect(page.Locator("#results tbody tr").First).ToContainTextAsync(person);
        await Assertions.Expect(page.Locator("#results tbody tr").First).ToContainTextAsync("facebook.com");
    }

    [Fact]
    public async Task The_audit_log_is_searchable_and_shows_each_read_with_its_purpose()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "auditor");
        await page.GotoAsync($"/auditor?purpose={Uri.EscapeDataString(Purpose)}&go=1&person=y9.khan");
        await page.GotoAsync("/auditor/audit");
        await page.GetByLabel("Purpose of this search").FillAsync("Termly review of who looked at pupils' records");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("Who (account)").FillAsync("auditor");
        await page.GetByLabel("Action").FillAsync("events.search");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var audit = page.Locator("#audit");
        await Assertions.Expect(audit).ToContainTextAsync(Purpose);
        await Assertions.Expect(audit).ToContainTextAsync("Person: y9.khan");   // the filters in words, not the record's JSON
        await Assertions.Expect(audit).Not.ToContainTextAsync("{\"");
        Assert.Equal(0, await audit.Locator("tbody tr", new() { HasText = "aggregates" }).CountAsync());
        await Browser.CheckAsync(page, "auditor-audit-log");
    }

    [Fact]
    public async Task The_audit_log_pages_through_older_records_newest_first()
    {
        // 150 records of one account of its own, so that nothing else the tests do lands in this search.
        for (var i = 1; i <= 150; i++)
            await app.Store.Audit.AppendAsync(new NetWatch.Storage.Contracts.Audit.AuditRecord
            {
                At = NodaTime.SystemClock.Instance.GetCurrentInstant(), Actor = "pager.test", Action = "events.search",
                Purpose = $"paging check {i}", School = WebApp.School, Rows = i,
            }, CancellationToken.None);
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "auditor");
        await page.GotoAsync($"/auditor/audit?purpose={Uri.EscapeDataString(Purpose)}&actor=pager.test");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("150 records match; records 1 to 100 are shown, newest first.");
        var rows = page.Locator("#audit tbody tr");
        Assert.Equal(100, await rows.CountAsync());
        await Assertions.Expect(rows.First).ToContainTextAsync("paging check 150");
        Assert.Equal(0, await page.Locator("#newer").CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Older records" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("150 records match; records 101 to 150 are shown, newest first.");
        Assert.Equal(50, await rows.CountAsync());
        await Assertions.Expect(rows.First).ToContainTextAsync("paging check 50");
        await Assertions.Expect(rows.Last).ToContainTextAsync("paging check 1");
        Assert.Equal(0, await page.Locator("#older").CountAsync());
        Assert.Equal("pager.test", await page.GetByLabel("Who (account)").InputValueAsync());   // the filters kept

        await page.GotoAsync($"/auditor/audit?purpose={Uri.EscapeDataString(Purpose)}&actor=pager.test&page=1&action=events.search&from=2000-01-01");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("150 records match");
        await page.GotoAsync($"/auditor/audit?purpose={Uri.EscapeDataString(Purpose)}&actor=pager.test&page=1&to=2000-01-01");
        await Assertions.Expect(page.Locator("#no-records")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"^([\d,]+) events match")]
    private static partial Regex CountPattern();
}
