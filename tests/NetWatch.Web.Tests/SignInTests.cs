using Microsoft.Playwright;

namespace NetWatch.Web.Tests;

/// <summary>Signing in: each role lands on its own home page; a wrong password says so; another role's page is refused; signed out, a page asks to sign in.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SignInTests(WebApp app, Browser browser)
{
    [Theory]
    [InlineData("dsl", "/dsl", "Alerts", "DSL")]
    [InlineData("deputy", "/dsl", "Alerts", "Deputy DSL")]
    [InlineData("slt", "/slt", "Week of", "SLT")]
    [InlineData("auditor", "/auditor", "Search events", "Auditor")]
    [InlineData("ict", "/ict", "Service health", "ICT admin")]
    public async Task Each_role_lands_on_its_own_home_page(string account, string home, string heading, string role)
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, account);
        Assert.Equal(home, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".who .role")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{role} · "));   // as a school says it, not "deputy-dsl"
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_form_keeps_the_name()
    {
        var page = await browser.NewPageAsync(app.Address);
        await page.GotoAsync("/signin");
        await Browser.CheckAsync(page, "signin");
        await page.GetByLabel("Account name").FillAsync("auditor");
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match");
        await Assertions.Expect(page.GetByLabel("Account name")).ToHaveValueAsync("auditor");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await Browser.CheckAsync(page, "signin-error");
    }

    [Fact]
    public async Task Too_many_attempts_say_so_on_the_sign_in_page_and_opening_the_form_is_no_attempt()
    {
        await using var host = await TestHost.StartAsync(app.Store, app.Options with { SignInsPerMinute = 2 }, app.Web, app.Feed);
        var page = await browser.NewPageAsync(NetWatch.Api.Hosting.ApiHost.Address(host));
        // Opening the form is not counted: more times than the limit, and it is still the form.
        for (var i = 0; i < 4; i++) Assert.Equal(200, (await page.GotoAsync("/signin"))!.Status);
        async Task AttemptAsync()
        {
            await page.GetByLabel("Account name").FillAsync("auditor");
            await page.GetByLabel("Password").FillAsync("not the password at all");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }
        for (var i = 0; i < 2; i++)
        {
            await AttemptAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match");
        }
        // The third attempt in the minute is refused with the page saying why (not the API's JSON), the form kept.
        var refused = page.WaitForResponseAsync(r => r.Url.Contains("/signin?limited=true"));
        await AttemptAsync();
        Assert.Equal(429, (await refused).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many sign-in attempts from this computer: at most 2 a minute");
        await Assertions.Expect(page.GetByLabel("Account name")).ToBeVisibleAsync();
        await Browser.CheckAsync(page, "signin-limited");
    }

    [Fact]
    public async Task Signed_out_a_page_asks_to_sign_in_and_returns_to_it_afterwards()
    {
        var page = await browser.NewPageAsync(app.Address);
        await page.GotoAsync("/auditor/audit");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("Account name").FillAsync("auditor");
        await page.GetByLabel("Password").FillAsync(WebApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/auditor/audit");
    }

    [Fact]
    public async Task Another_roles_page_is_refused_and_shows_nothing_of_it()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "slt");
        var answer = await page.GotoAsync("/auditor?purpose=looking+around+for+fun&go=1");
        Assert.Equal("/denied", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("not for your account");
        Assert.DoesNotContain("events match", await page.ContentAsync());
        await Browser.CheckAsync(page, "denied");
        await page.GotoAsync("/ict");
        Assert.Equal("/denied", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "ict");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/ict");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }
}
