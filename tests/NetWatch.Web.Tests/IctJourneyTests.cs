using Microsoft.Playwright;

namespace NetWatch.Web.Tests;

/// <summary>The ICT administrator's journey: sources with their totals, a dead letter's reason, the accounts.</summary>
[Collection(WebAppCollection.Name)]
public sealed class IctJourneyTests(WebApp app, Browser browser)
{
    [Fact]
    public async Task ICT_sees_sources_dead_letters_with_their_reason_and_accounts_but_no_browsing()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "ict");
        await Assertions.Expect(page.Locator("#sources")).ToContainTextAsync("proxy-broken");
        var deadLetters = page.Locator("#dead-letters");
        await Assertions.Expect(deadLetters).ToContainTextAsync(Path.GetFileName(app.BrokenLog));
        await Assertions.Expect(deadLetters).ToContainTextAsync("this line is not a squid access log line");
        var stored = new List<NetWatch.Core.Parsing.DeadLetter>();
        await foreach (var d in app.Store.Search.DeadLettersAsync(default)) if (d.Source.EndsWith(Path.GetFileName(app.BrokenLog))) stored.Add(d);
        Assert.Equal(2, stored.Count);
        foreach (var reason in stored.Select(d => d.Reason).Distinct()) await Assertions.Expect(deadLetters).ToContainTextAsync(reason);
        // The service's memory against its shares: the store's cache at 230 of 256 MB is 90% of its share.
        var store = page.Locator("#memory tr", new() { Has = page.Locator("th", new() { HasTextString = "The store's cache (DuckDB)" }) });
        await Assertions.Expect(store).ToContainTextAsync("230 MB");
        await Assertions.Expect(store).ToContainTextAsync("256 MB");
        await Assertions.Expect(store).ToContainTextAsync("90%");
        await Assertions.Expect(page.Locator("#memory")).ToContainTextAsync("The whole process (resident memory)");
        await Browser.CheckAsync(page, "ict-health");

        // An account made by an OpenID Connect sign-in (no password here, bound to the provider's issuer and subject).
        await app.Store.Accounts.AddAsync(new NetWatch.Storage.Contracts.Accounts.Account
        {
            Name = "auditor@school.example", Role = NetWatch.Storage.Contracts.Accounts.AccountRole.Auditor, PasswordHash = "",
            CreatedAt = NodaTime.SystemClock.Instance.GetCurrentInstant(), ExternalId = "https://accounts.google.com#1093857",
        }, default);
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        var accounts = page.Locator("#accounts");
        var external = accounts.Locator("tr", new() { Has = page.Locator("th", new() { HasTextString = "auditor@school.example" }) });
        await Assertions.Expect(external).ToContainTextAsync("through the school's provider");
        await Assertions.Expect(external).ToContainTextAsync("https://accounts.google.com");
        var local = accounts.Locator("tr", new() { Has = page.Locator("th", new() { HasTextString = "ict" }) }).First;
        await Assertions.Expect(local).ToContainTextAsync("with a password");
        foreach (var name in WebApp.Accounts) await Assertions.Expect(accounts.Locator("th", new() { HasTextString = name }).First).ToBeVisibleAsync();
        await Assertions.Expect(accounts).ToContainTextAsync("ICT admin ict-admin");   // the label and the name `netwatch users` takes
        await Assertions.Expect(accounts).ToContainTextAsync("Deputy DSL deputy-dsl");
        Assert.DoesNotContain("$", await accounts.InnerTextAsync());
        await Browser.CheckAsync(page, "ict-accounts");
    }
}
