using Microsoft.Playwright;
using NetWatch.Storage;
using NetWatch.Tests.Shared;

namespace NetWatch.Web.Tests;

/// <summary>
/// Issue 16, item 7: a fresh install (accounts, no events) says on every page what to do next, and a search with no
/// results says which filter excluded everything (the auditor's event search has its own test in the journey).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class EmptyStateTests(WebApp app, Browser browser)
{
    private const string Purpose = "Checking what an empty search says";

    [Fact]
    public async Task A_fresh_install_says_what_to_do_next_on_every_page()
    {
        using var dir = new TempDirectory();
        foreach (var (name, role) in new[] { ("dsl", "dsl"), ("slt", "slt"), ("auditor", "auditor"), ("ict", "ict-admin") })
            Netwatch.RunOrThrow(WebApp.Password + "\n", "users", "add", name, "--role", role, "--store", dir.Path, "--password-stdin");
        using var store = DuckDbStore.Open(dir.Path);
        await using var host = await TestHost.StartAsync(store, app.Options, new WebOptions(), new NetWatch.Service.Alerts.AlertFeed());
        var address = NetWatch.Api.Hosting.ApiHost.Address(host);

        foreach (var (account, path, says, screenshot) in new[]
        {
            ("dsl", "/dsl", "Alerts are raised from safeguarding matches", "fresh-dsl-alerts"),
            ("dsl", "/dsl/overview", "No safeguarding matches so far", "fresh-dsl-overview"),
            ("slt", "/slt", "No activity is stored yet", "fresh-slt-dashboard"),
            ("slt", "/slt/report", "Nothing to report for this term", "fresh-slt-report"),
            ("auditor", $"/auditor?purpose={Purpose}&go=1", "No events are stored yet", "fresh-auditor-search"),
            ("auditor", $"/auditor/visitors?purpose={Purpose}&domain=bbc.co.uk", "No events are stored yet", "fresh-auditor-visitors"),
            ("ict", "/ict", "No source has delivered anything yet", "fresh-ict-health"),
        })
        {
            var page = await browser.NewPageAsync(address);
            await Browser.SignInAsync(page, account);
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync(says);
            if (account == "ict") await Assertions.Expect(page.Locator("#no-memory")).ToContainTextAsync("without the live service");
            await Browser.CheckAsync(page, screenshot);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Who_visited_says_when_the_dates_excluded_everything_and_links_to_every_visit()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "auditor");
        await page.GotoAsync($"/auditor/visitors?purpose={Uri.EscapeDataString(Purpose)}&domain=google.com&from=2026-09-01&to=2026-09-07");
        var empty = page.Locator("#no-results");
        await Assertions.Expect(empty).ToContainTextAsync("Nobody visited google.com in these dates: the dates excluded everything.");
        await Browser.CheckAsync(page, "auditor-visitors-no-results");
        await empty.GetByRole(AriaRole.Link, new() { Name = "find its visitors at any time" }).ClickAsync();
        Assert.True(await page.Locator("#visitors tbody tr").CountAsync() > 0);

        await page.GotoAsync($"/auditor/visitors?purpose={Uri.EscapeDataString(Purpose)}&domain=never-visited.example&from=2026-09-01");
        await Assertions.Expect(page.Locator("#no-results")).ToContainTextAsync("Nobody visited never-visited.example at any time NetWatch holds");
    }

    [Fact]
    public async Task The_audit_log_says_which_filter_excluded_every_record()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "auditor");
        await page.GotoAsync($"/auditor/audit?purpose={Uri.EscapeDataString(Purpose)}&actor=auditor&action=no.such.action");
        var empty = page.Locator("#no-records");
        await Assertions.Expect(empty).ToContainTextAsync("The action filter (“no.such.action”) excluded everything: without it,");
        await Assertions.Expect(empty).Not.ToContainTextAsync("The who filter");     // the auditor has records, of other actions
        await Browser.CheckAsync(page, "auditor-audit-no-records");
    }
}
