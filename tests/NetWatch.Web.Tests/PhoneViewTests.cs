using Microsoft.Playwright;
using NetWatch.Storage.Contracts.Alerts;

namespace NetWatch.Web.Tests;

/// <summary>
/// Every page with a table (or a timeline) on a phone: at 375 px, light and dark, and at 320 px (WCAG 2.2 reflow,
/// 1.4.10), the page does not scroll sideways, no box on it scrolls sideways, and every table cell lies within the
/// screen, so each cell's text is read without scrolling anything; the wide tables are cards (a row per card, each cell
/// after its column's name); axe-core passes in both colour schemes, and the screenshots are kept.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PhoneViewTests(WebApp app, Browser browser)
{
    private const string Purpose = "Phone layout check of the auditor's pages";
    private const string FirstAlert = "/dsl/alerts/{first}";

    /// <summary>What spills sideways: the page, any box that scrolls or clips sideways, any visible table cell past the screen's edge.</summary>
    private const string Overflows = """
        () => {
            const width = window.innerWidth, found = [];
            if (document.documentElement.scrollWidth > width) found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
            for (const e of document.querySelectorAll('body *')) {
                const style = getComputedStyle(e);
                if (style.overflowX !== 'visible' && e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1)
                    found.push(`${e.tagName.toLowerCase()}#${e.id}.${e.className} scrolls: ${e.scrollWidth} px in ${e.clientWidth}`);
            }
            for (const c of document.querySelectorAll('tbody th, tbody td')) {
                const r = c.getBoundingClientRect();
                if (r.width > 0 && (r.left < -0.5 || r.right > width + 0.5))
                    found.push(`a cell of #${c.closest('table').id} runs from ${Math.round(r.left)} to ${Math.round(r.right)} px: ${c.textContent.trim().slice(0, 40)}`);
            }
            return found;
        }
        """;

    [Theory]
    [InlineData("deputy", "/dsl", "dsl-alerts")]
    [InlineData("deputy", FirstAlert, "dsl-alert")]
    [InlineData("deputy", "/dsl/overview", "dsl-overview")]
    [InlineData("deputy", "/dsl/activity?person=y7.ahmed&date=2026-11-24&time=09:35", "dsl-activity")]
    [InlineData("slt", "/slt", "slt-dashboard")]
    [InlineData("slt", "/slt/report", "slt-report")]
    [InlineData("auditor", "/auditor?purpose=" + Purpose + "&go=1&from=2026-11-24&to=2026-11-24", "auditor-results")]
    [InlineData("auditor", "/auditor/visitors?purpose=" + Purpose + "&domain=google.com", "auditor-visitors")]
    [InlineData("auditor", "/auditor/audit?purpose=" + Purpose, "auditor-audit-log")]
    [InlineData("ict", "/ict", "ict-health")]
    [InlineData("ict", "/ict/accounts", "ict-accounts")]
    public async Task The_page_reads_on_a_phone_without_scrolling_anything_sideways_light_and_dark(string account, string path, string screenshot)
    {
        if (path == FirstAlert)
            path = $"/dsl/alerts/{(await app.Store.Alerts.ListAsync(new AlertQuery { Limit = 1 }, default))[0].Id}";
        foreach (var (width, dark) in new[] { (375, false), (375, true), (320, false) })
        {
            var phone = await browser.NewPageAsync(app.Address, phone: true, dark: dark, phoneWidth: width);
            await Browser.SignInAsync(phone, account);
            await phone.GotoAsync(path);
            await phone.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(new Uri(new Uri("http://x"), path).AbsolutePath, new Uri(phone.Url).AbsolutePath);
            Assert.True(await phone.Locator("main table, main .timeline").CountAsync() > 0, $"{path} shows no table: the check would prove nothing");

            var overflows = await phone.EvaluateAsync<string[]>(Overflows);
            Assert.True(overflows.Length == 0, $"{path} at {width} px{(dark ? ", dark" : "")}:\n" + string.Join("\n", overflows));
            // A wide table's row is a card: its cells one under another, each after its column's name (the first row of
            // each such table; every row was checked for overflow above).
            foreach (var table in await phone.Locator("table.stacked").AllAsync())
            {
                var cells = await table.Locator("tbody tr").First.Locator("td[data-label]:visible").AllAsync();
                if (cells.Count == 0) continue;
                var label = await cells[0].EvaluateAsync<string>("c => getComputedStyle(c, '::before').content");
                Assert.Equal($"\"{await cells[0].GetAttributeAsync("data-label")}: \"", label);
                var tops = new List<double>();
                foreach (var c in cells) tops.Add((await c.BoundingBoxAsync())!.Y);
                Assert.Equal(tops.Count, tops.Distinct().Count());
            }
            if (width == 375) await Browser.CheckAsync(phone, $"{screenshot}-phone{(dark ? "-dark" : "")}");
            await phone.Context.CloseAsync();
        }
    }
}
