using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace NetWatch.Web.Printing;

/// <summary>The outcome of printing a page: the PDF's bytes, or why there is none.</summary>
public sealed record PrintResult(byte[]? Pdf, string? Problem);

/// <summary>
/// Prints one of this app's pages to PDF with Chromium's print-to-PDF, driven over the DevTools protocol
/// (PuppeteerSharp; the system's browser, nothing downloaded). The browser opens the page on this server as the
/// requesting account (its cookies, set for this server's own address), so the PDF is exactly what the page shows
/// that account, with the page's access rules and audit record. One print at a time: each launches a browser of
/// its own (a few hundred MB for a second or two) and a school prints a handful of reports a term.
/// </summary>
public sealed class ReportPrinter(WebOptions options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<PrintResult> PrintAsync(Uri page, IEnumerable<KeyValuePair<string, string>> cookies, CancellationToken cancel)
    {
        var (chromium, problem) = ChromiumLocator.Find(options.Chromium);
        if (chromium is null) return new PrintResult(null, problem);
        await _one.WaitAsync(cancel);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(Timeout);
            return new PrintResult(await RunAsync(chromium, page, cookies).WaitAsync(timeout.Token), null);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new PrintResult(null, $"Chromium did not finish printing the report within {Timeout.TotalSeconds:0} seconds");
        }
        catch (PuppeteerException ex)
        {
            return new PrintResult(null, $"Chromium ({chromium}) could not print the report: {FirstLine(ex.Message)}");
        }
        finally
        {
            _one.Release();
        }
    }

    private static async Task<byte[]> RunAsync(string chromium, Uri page, IEnumerable<KeyValuePair<string, string>> cookies)
    {
        var launch = new LaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Chromium refuses to start as root with its sandbox (containers); the page it opens is this server's own.
            Args = [.. Environment.UserName == "root" ? new[] { "--no-sandbox" } : [],
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                // This server's own certificate may be one the system does not trust (a school's internal CA).
                .. page.Scheme == "https" ? new[] { "--ignore-certificate-errors" } : []],
        };
        await using var browser = await Puppeteer.LaunchAsync(launch);
        await using var tab = await browser.NewPageAsync();
        await tab.SetCookieAsync([.. cookies.Select(c => new CookieParam
        {
            Name = c.Key, Value = c.Value, Url = page.GetLeftPart(UriPartial.Authority), Path = "/",
            HttpOnly = true, Secure = page.Scheme == "https",
        })]);
        var response = await tab.GoToAsync(page.AbsoluteUri, WaitUntilNavigation.Networkidle0);
        // Signed out (or another role) it would land on another page: only the page itself is printed.
        if (response is null || !response.Ok || new Uri(response.Url).AbsolutePath != page.AbsolutePath)
            throw new PuppeteerException($"the report page answered {(int?)response?.Status} at {response?.Url}");
        await tab.EmulateMediaTypeAsync(MediaType.Print);
        return await tab.PdfDataAsync(new PdfOptions
        {
            Format = PaperFormat.A4,
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = "<span></span>",
            // Chromium fills these spans; the template's own style is the only one the footer gets.
            FooterTemplate = "<div style=\"font-size:8px;width:100%;text-align:center;color:#555\">Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></div>",
            MarginOptions = new MarginOptions { Top = "12mm", Bottom = "16mm", Left = "12mm", Right = "12mm" },
        });
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
