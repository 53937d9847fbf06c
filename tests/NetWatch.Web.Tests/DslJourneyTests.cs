using Microsoft.Playwright;
using NetWatch.Storage.Contracts.Audit;

namespace NetWatch.Web.Tests;

/// <summary>The DSL's journey: the safeguarding overview, then a person's activity an hour either side of a match, on a phone.</summary>
[Collection(WebAppCollection.Name)]
public sealed class DslJourneyTests(WebApp app, Browser browser)
{
    [Fact]
    public async Task The_DSL_sees_matches_by_theme_and_opens_a_persons_activity_around_one()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "dsl");
        var latest = page.Locator("#latest tbody tr");
        Assert.True(await latest.CountAsync() > 0);
        await Assertions.Expect(page.Locator("#weeks-table")).ToBeVisibleAsync();
        await Browser.CheckAsync(page, "dsl-overview");

        var link = latest.First.Locator("a").First;
        var person = (await link.TextContentAsync())!;
        await link.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Activity of {person}");
        var focus = page.Locator("#timeline li.focus");
        await Assertions.Expect(focus).ToHaveCountAsync(1);
        await Assertions.Expect(focus.Locator(".badge").First).ToContainTextAsync("severity");
        Assert.True(await page.Locator("#timeline li").CountAsync() >= 1);
        await Browser.CheckAsync(page, "dsl-activity");

        var records = await app.Store.Audit.ReadAsync(new AuditQuery(Actor: "dsl", Action: "events.activity"), default);
        Assert.Contains(records, r => r.Record.Query!.Contains(person));
    }

    [Fact]
    public async Task A_persons_activity_reads_well_on_a_phone()
    {
        var page = await browser.NewPageAsync(app.Address, phone: true);
        await Browser.SignInAsync(page, "dsl");
        await page.GotoAsync("/dsl/activity?person=y9.khan&date=2026-11-24&time=11:00");
        Assert.True(await page.Locator("#timeline li").CountAsync() > 0);
        await Browser.CheckAsync(page, "dsl-activity-phone");
        await page.GotoAsync("/dsl/activity?person=nobody.here&date=2026-11-24&time=11:00");
        await Assertions.Expect(page.Locator("#no-activity")).ToContainTextAsync("did nothing on the network");
    }
}
