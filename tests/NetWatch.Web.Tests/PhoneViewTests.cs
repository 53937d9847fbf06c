namespace NetWatch.Web.Tests;

/// <summary>
/// The pages this session changed, on a 375px phone: the termly report (its PDF button and breaches table) and the ICT
/// accounts list (its "Signs in" column) read without the page scrolling sideways, and pass axe-core.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PhoneViewTests(WebApp app, Browser browser)
{
    [Theory]
    [InlineData("slt", "/slt/report", "slt-report-phone")]
    [InlineData("ict", "/ict/accounts", "ict-accounts-phone")]
    public async Task The_page_reads_on_a_375px_phone_without_scrolling_sideways(string account, string path, string screenshot)
    {
        var phone = await browser.NewPageAsync(app.Address, phone: true, phoneWidth: 375);
        await Browser.SignInAsync(phone, account);
        await phone.GotoAsync(path);

        Assert.Equal(path, new Uri(phone.Url).AbsolutePath);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await Browser.CheckAsync(phone, screenshot);
    }
}
