using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Web.Printing;

namespace NetWatch.Web.Pages.Slt;

/// <summary>
/// <c>/slt/report.pdf</c>: the termly report (<see cref="ReportModel"/>, the same term and school) printed by Chromium.
/// The browser opens <c>/slt/report</c> on this server as the requesting account, so the PDF has the page's access
/// rules, pseudonyms and audit record (its view is <c>slt.report</c> with <c>format=pdf</c>). Without a Chromium, or
/// when it fails, this page says why with 503.
/// </summary>
[Authorize(Policy = AccessMatrix.Aggregates)]
public sealed class ReportPdfModel(ReportPrinter printer) : WebPage
{
    [FromQuery(Name = "term")] public string? TermName { get; set; }
    [FromQuery(Name = "school")] public string? School { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        var query = new List<string> { "format=pdf" };
        if (TermName is not null) query.Add("term=" + Uri.EscapeDataString(TermName));
        if (School is not null) query.Add("school=" + Uri.EscapeDataString(School));
        var page = new Uri(OwnAddress(), "/slt/report?" + string.Join("&", query));
        var result = await printer.PrintAsync(page, Request.Cookies, cancel);
        if (result.Pdf is { } pdf)
            return File(pdf, "application/pdf", $"netwatch-termly-report{(TermName is null ? "" : "-" + FileNamePart(TermName))}.pdf");
        Problem = result.Problem;
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Page();
    }

    /// <summary>
    /// This server as the connection reached it (Kestrel's own address and scheme, not what a reverse proxy says):
    /// the browser runs on this machine and asks Kestrel directly.
    /// </summary>
    private Uri OwnAddress()
    {
        var local = HttpContext.Connection.LocalIpAddress ?? IPAddress.Loopback;
        if (local.IsIPv4MappedToIPv6) local = local.MapToIPv4();
        var host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();
        var https = HttpContext.Features.Get<ITlsHandshakeFeature>() is not null;
        return new Uri($"{(https ? "https" : "http")}://{host}:{HttpContext.Connection.LocalPort}");
    }

    private static string FileNamePart(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
}
