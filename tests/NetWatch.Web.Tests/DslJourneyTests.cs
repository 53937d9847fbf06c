using Microsoft.Playwright;
using NetWatch.Core.Alerts;
using NetWatch.Storage.Contracts.Alerts;
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
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
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
    public async Task The_DSL_triages_an_alert_from_the_list_to_closed_with_a_suppression()
    {
        var stored = await app.Store.Alerts.ListAsync(new AlertQuery { Limit = 1000 }, default);
        Assert.NotEmpty(stored);
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "dsl");
        var rows = page.Locator("#alerts tbody tr");
        Assert.Equal(stored.Count(a => a.Status != AlertStatus.Closed), await rows.CountAsync());
        await Browser.CheckAsync(page, "dsl-alerts");

        var id = (await rows.First.GetAttributeAsync("data-alert"))!;
        var alert = stored.Single(a => a.Id == id);
        await rows.First.Locator("th a").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"{alert.Theme}, severity {alert.Severity}");
        Assert.Equal(alert.Evidence.Count, await page.Locator("#evidence tbody tr").CountAsync());
        await Assertions.Expect(page.Locator("#evidence")).ToContainTextAsync(alert.Evidence[0].Clause);
        Assert.True(await page.Locator("#timeline li.focus").CountAsync() >= 1, "the alert's matches are marked on the timeline");
        await Browser.CheckAsync(page, "dsl-alert");

        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("acknowledged");
        await page.GetByLabel("Account name").FillAsync("deputy.dsl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("in-progress");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Spoke to the form tutor: a class project on wellbeing.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notes")).ToContainTextAsync("class project on wellbeing");
        await page.GetByLabel("Outcome").SelectOptionAsync("false-positive");
        var site = alert.Evidence[0].Domain ?? "example.com";
        await page.GetByLabel("Phrase").FillAsync(alert.Evidence[0].Matched ?? "phrase");
        await page.GetByLabel("On this site").FillAsync(site);
        await page.GetByRole(AriaRole.Button, new() { Name = "Close alert" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("Closed.");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("closed: false-positive");
        await Browser.CheckAsync(page, "dsl-alert-closed");

        var closed = await app.Store.Alerts.GetAsync(id, default);
        Assert.Equal(AlertStatus.Closed, closed!.Status);
        Assert.Equal(AlertOutcome.FalsePositive, closed.Outcome);
        Assert.Equal("deputy.dsl", closed.Assignee);
        Assert.Contains(await app.Store.Alerts.SuppressionsAsync(false, default), s => s.AlertId == id && s.Site == site.ToLowerInvariant());
        var actions = (await app.Store.Audit.ReadAsync(new AuditQuery(Actor: "dsl"), default)).Where(r => r.Record.Query?.Contains(id) == true).Select(r => r.Record.Action).ToList();
        Assert.Equal(["alerts.get", "alerts.acknowledge", "alerts.get", "alerts.assign", "alerts.get", "alerts.note", "alerts.get", "alerts.close", "alerts.get"], actions);
    }

    [Fact]
    public async Task A_new_alert_appears_on_the_open_feed_without_a_reload_and_is_closed_from_there()
    {
        var page = await browser.NewPageAsync(app.Address, phone: true);
        await Browser.SignInAsync(page, "dsl");
        await Assertions.Expect(page.Locator("#feed-state")).ToContainTextAsync("Live");
        await page.EvaluateAsync("() => window.notReloaded = true");

        // The pipeline stores an alert with its batch, then the dispatcher notifies the feed.
        var at = NodaTime.SystemClock.Instance.GetCurrentInstant();
        var id = "a-live-" + Guid.NewGuid().ToString("N")[..12];
        var alert = new Alert
        {
            Id = id, School = WebApp.School, Subject = new AlertSubject { Person = "y11.taylor", Role = "pupil", Group = "Year 11" },
            Theme = "radicalisation", Severity = 5, FirstSeen = at, LastSeen = at, Count = 1, RaisedAt = at, NotifiedAt = at, NotifiedSeen = at,
            Evidence = [new AlertEvidence { EventId = NetWatch.Core.Events.EventId.FromGuid(Guid.NewGuid()), At = at, Url = "https://www.bing.com/search?q=join+isis",
                Domain = "www.bing.com", SearchTerms = "join isis", Matched = "join isis", Severity = 5, Rule = "safeguarding", Clause = "9.3" }],
        };
        using (var session = app.Store.Writer.Begin())
        {
            await session.WriteAlertsAsync([alert], [], default);
            await session.CommitAsync(default);
        }
        app.Feed.Publish(new AlertFeedItem("k-" + id, id, WebApp.School, alert.Theme, alert.Severity, "new", 1, 1, "y11.taylor"));

        var row = page.Locator($"#alerts tr[data-alert='{id}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(row).ToContainTextAsync("radicalisation");
        await Assertions.Expect(page.Locator("#feed-announce")).ToHaveTextAsync("New alert: radicalisation, severity 5, y11.taylor");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was not reloaded");
        await Browser.CheckAsync(page, "dsl-alerts-live-phone");

        await row.Locator("th a").ClickAsync();
        await page.GetByLabel("Outcome").SelectOptionAsync("referred");
        await page.GetByLabel("Note (optional)").FillAsync("Referred to Prevent via the local authority.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close alert" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("closed: referred");
        Assert.Equal(AlertOutcome.Referred, (await app.Store.Alerts.GetAsync(id, default))!.Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_alert_list_reads_on_a_375px_phone_without_scrolling_sideways_light_and_dark(bool dark)
    {
        var open = (await app.Store.Alerts.ListAsync(new AlertQuery { Limit = 1000 }, default)).Where(a => a.Status != AlertStatus.Closed).ToList();
        Assert.NotEmpty(open);
        var scheme = dark ? "dark" : "light";
        var phone = await browser.NewPageAsync(app.Address, phone: true, dark: dark, phoneWidth: 375);
        await Browser.SignInAsync(phone, "dsl");
        var rows = phone.Locator("#alerts tbody tr");
        Assert.Equal(open.Count, await rows.CountAsync());
        // Nothing wider than the screen: neither the page nor the alerts' region scrolls sideways.
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        Assert.True(await phone.EvaluateAsync<bool>("() => { const w = document.querySelector('.table-wrap'); return w.scrollWidth <= w.clientWidth; }"),
            "the alerts scroll sideways");
        // Each alert is a card: its cells stacked, each under its column's name, the theme a link to the alert.
        var first = rows.First;
        var box = await first.BoundingBoxAsync();
        Assert.True(box!.Width <= 375, $"a card is {box.Width} px wide");
        var firstId = await first.GetAttributeAsync("data-alert");
        var alert = open.Single(a => a.Id == firstId);
        await Assertions.Expect(first.Locator("th a")).ToContainTextAsync(alert.Theme);
        await Assertions.Expect(first.Locator("td[data-label='Matches']")).ToHaveTextAsync(alert.Count.ToString());
        Assert.Equal("Matches: ", await first.Locator("td[data-label='Matches']").EvaluateAsync<string>("c => getComputedStyle(c, '::before').content.replace(/\"/g, '')"));
        var cells = await first.Locator("td:visible").AllAsync();
        var tops = new List<double>();
        foreach (var c in cells) tops.Add((await c.BoundingBoxAsync())!.Y);
        Assert.Equal(tops.Count, tops.Distinct().Count()); // one cell per line, none side by side
        // The table keeps its rows and cells for a screen reader.
        Assert.Equal(open.Count, await phone.GetByRole(AriaRole.Row).CountAsync() - 1);
        await Browser.CheckAsync(phone, $"dsl-alerts-phone-375-{scheme}");

        var desktop = await browser.NewPageAsync(app.Address, dark: dark);
        await Browser.SignInAsync(desktop, "dsl");
        // On a desktop the alerts are a table: a row's cells side by side.
        var row = desktop.Locator("#alerts tbody tr").First;
        Assert.Equal((await row.Locator("td").First.BoundingBoxAsync())!.Y, (await row.Locator("td[data-label='Matches']").BoundingBoxAsync())!.Y);
        await Browser.CheckAsync(desktop, $"dsl-alerts-desktop-{scheme}");
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
