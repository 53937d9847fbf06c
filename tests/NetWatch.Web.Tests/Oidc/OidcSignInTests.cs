using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NetWatch.Api.Auth.Oidc;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Storage.Contracts.Audit;

namespace NetWatch.Web.Tests.Oidc;

/// <summary>
/// Sign-in through the school's OpenID provider, the whole redirect flow in Chromium: the sign-in page's "Sign in
/// with ..." goes to the provider (another site), whose answer comes back to /signin-oidc, where the code is exchanged
/// (with the PKCE verifier) for an id token that must be signed by the provider's key, from its issuer, for this
/// client; the person's role claim decides their NetWatch role and school, or refuses them.
/// </summary>
[Collection(OidcCollection.Name)]
public sealed class OidcSignInTests(OidcWebApp app, Browser browser)
{
    /// <summary>As long as Playwright's own waits (an assertion's default is 5 s).</summary>
    private static readonly PageAssertionsToHaveURLOptions Within = new() { Timeout = 30_000 };

    private async Task<IPage> SignInAsync(string person)
    {
        var page = await browser.NewPageAsync(app.Address);
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with " + OidcWebApp.Provider }).ClickAsync();
        // Timed out in full runs (sessions 15, 16, 24 and 35) and never alone: the URL had come and the page's text with
        // it, but not its load event within 30 s on the loaded machine. WaitForURLAsync waits for the load event when the
        // URL matches already, whatever its WaitUntil (playwright-dotnet issue 3365), which a loaded machine makes likely.
        // So the URL is polled (no load state); filling the field below waits for the field itself. On a timeout the
        // message says where the page was.
        try { await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(app.Issuer.Issuer + "/authorize")), Within); }
        catch (PlaywrightException e) // its TimeoutException, or the assertion's failure
        {
            var text = (await page.Locator("body").InnerTextAsync()).ReplaceLineEndings(" ");
            throw new TimeoutException($"the provider's sign-in page did not come; the page is at {page.Url}, titled " +
                $"'{await page.TitleAsync()}': {text[..Math.Min(text.Length, 400)]}", e);
        }
        await page.GetByLabel("Person").FillAsync(person);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        // Back on NetWatch, past the callback and the sign-in's completion page; polled as above (no load event or
        // "network idle" waited for: neither came within 30 s on a loaded CI machine, and the assertions that follow
        // retry by themselves).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(
            $"^https?://[^/]+:{app.Address.Port}(?!/signin-oidc)(?!/signin/complete(?:[?#]|$))"), Within);
        return page;
    }

    private static async Task AssertSignedOutAsync(IPage page)
    {
        await page.GotoAsync("/dsl");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }

    private async Task<IReadOnlyList<AuditRecord>> SignInsAsync(string actor) =>
        (await app.Store.Audit.ReadAsync(new AuditQuery(Actor: actor), CancellationToken.None))
            .Select(r => r.Record).Where(r => r.Action == "session.sign-in").ToList();

    [Fact]
    public async Task A_person_the_provider_maps_to_dsl_lands_on_the_dsl_page_with_an_account_named_by_their_email()
    {
        var page = await browser.NewPageAsync(app.Address);
        await page.GotoAsync("/signin");
        await Browser.CheckAsync(page, "signin-oidc");
        var tokensBefore = app.Issuer.TokensIssued;

        page = await SignInAsync("dsl");

        Assert.Equal("/dsl", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Alerts");
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync("dsl@southover.example");
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync("DSL · trust");
        Assert.True(app.Issuer.TokensIssued > tokensBefore, "the app exchanged the code at the token endpoint");
        var account = await app.Store.Accounts.GetAsync("dsl@southover.example", CancellationToken.None);
        Assert.NotNull(account);
        Assert.Equal(AccountRole.Dsl, account.Role);
        Assert.Null(account.School);
        Assert.Equal(OidcSignIn.ExternalId(app.Issuer.Issuer, "AbC-dsl-subject_1"), account.ExternalId);
        var record = Assert.Single(await SignInsAsync("dsl@southover.example"), r => r.Outcome == "ok");
        Assert.Contains("\"method\":\"oidc\"", record.Query);

        // A second sign-in is the same account, not another.
        await SignInAsync("dsl");
        Assert.Single(await app.Store.Accounts.ListAsync(CancellationToken.None), a => a.ExternalId == account.ExternalId);
        // The session reads the API as the DSL.
        var session = await page.APIRequest.GetAsync("/api/session");
        Assert.Equal(200, session.Status);
    }

    [Fact]
    public async Task A_person_with_no_mapped_role_is_refused_and_no_account_is_made()
    {
        var page = await SignInAsync("teacher");

        Assert.Equal("/signin/refused", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("has no NetWatch role");
        await Browser.CheckAsync(page, "signin-oidc-refused");
        Assert.Null(await app.Store.Accounts.GetAsync("teacher@southover.example", CancellationToken.None));
        var record = Assert.Single(await SignInsAsync("teacher@southover.example"));
        Assert.Equal("denied", record.Outcome);
        Assert.Contains("no-role", record.Query);
        await AssertSignedOutAsync(page);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_though_the_provider_maps_a_role_and_its_open_session_ends()
    {
        var open = await SignInAsync("disabled-dsl");
        Assert.Equal("/dsl", new Uri(open.Url).AbsolutePath);
        var account = (await app.Store.Accounts.GetAsync("deputy@southover.example", CancellationToken.None))!;
        await app.Store.Accounts.UpdateAsync(account with { Disabled = true }, CancellationToken.None);

        var page = await SignInAsync("disabled-dsl");

        Assert.Equal("/signin/refused", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("disabled");
        Assert.True((await app.Store.Accounts.GetAsync("deputy@southover.example", CancellationToken.None))!.Disabled);
        Assert.Contains(await SignInsAsync("deputy@southover.example"), r => r.Outcome == "denied" && r.Query!.Contains("disabled"));
        await AssertSignedOutAsync(open);
    }

    [Theory]
    [InlineData("forged-signature", "forged1@southover.example")]
    [InlineData("forged-issuer", "forged2@southover.example")]
    [InlineData("forged-audience", "forged3@southover.example")]
    public async Task A_token_with_a_wrong_signature_issuer_or_audience_is_refused(string person, string email)
    {
        var failuresBefore = (await SignInsAsync("(unknown)")).Count;

        var page = await SignInAsync(person);

        Assert.Equal("/signin/refused", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("did not complete");
        Assert.Null(await app.Store.Accounts.GetAsync(email, CancellationToken.None));
        Assert.Equal(failuresBefore + 1, (await SignInsAsync("(unknown)")).Count(r => r.Outcome == "denied"));
        await AssertSignedOutAsync(page);
    }

    [Fact]
    public async Task The_role_mapping_keeps_each_school_to_its_own_scope()
    {
        var stMarys = await SignInAsync("slt-stmarys");
        Assert.Equal("/slt", new Uri(stMarys.Url).AbsolutePath);
        await Assertions.Expect(stMarys.Locator(".who")).ToContainTextAsync("SLT · " + OidcWebApp.StMarys);
        var southover = await SignInAsync("slt-southover");
        await Assertions.Expect(southover.Locator(".who")).ToContainTextAsync("SLT · " + OidcWebApp.Southover);

        Assert.Equal(OidcWebApp.StMarys, (await app.Store.Accounts.GetAsync("head@stmarys.example", CancellationToken.None))!.School);
        Assert.Equal(OidcWebApp.Southover, (await app.Store.Accounts.GetAsync("head@southover.example", CancellationToken.None))!.School);
        // The API answers St Mary's SLT for St Mary's and refuses Southover.
        Assert.Equal(200, (await stMarys.APIRequest.GetAsync($"/api/aggregates?school={OidcWebApp.StMarys}&by=category")).Status);
        Assert.Equal(403, (await stMarys.APIRequest.GetAsync($"/api/aggregates?school={OidcWebApp.Southover}&by=category")).Status);
        using var who = JsonDocument.Parse(await (await southover.APIRequest.GetAsync("/api/session")).TextAsync());
        Assert.Equal(OidcWebApp.Southover, who.RootElement.GetProperty("school").GetString());
    }
}
