using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NetWatch.Storage.Contracts.Audit;

namespace NetWatch.Web.Tests;

/// <summary>The SLT's journey: sign in, the weekly dashboard with pseudonyms, a name revealed with a reason (recorded), the termly report.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SltJourneyTests(WebApp app, Browser browser)
{
    [Fact]
    public async Task The_SLT_sees_pseudonyms_and_reveals_one_with_a_reason_that_is_recorded()
    {
        var page = await browser.NewPageAsync(app.Address);
        await Browser.SignInAsync(page, "slt");
        Assert.EndsWith("/slt", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Week of");
        await Browser.CheckAsync(page, "slt-dashboard");

        var pseudonyms = page.Locator("#prohibited .pseudonym");
        Assert.True(await pseudonyms.CountAsync() > 0, "the week holds prohibited page views, listed by pseudonym");
        var first = (await pseudonyms.First.TextContentAsync())!;
        Assert.Matches("^p-[0-9a-f]{16}$", first);
        var content = await page.ContentAsync();
        Assert.DoesNotContain("y9.khan", content);
    }
}
