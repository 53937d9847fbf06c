using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api.Privacy.Notice;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Routes;

/// <summary>
/// <c>GET /api/notice[?format=html|markdown]</c>: the staff transparency notice (<see cref="TransparencyNotice"/>), for
/// anyone: the people it informs have no account. It names no person (accounts are counted, not named), so it is not audited.
/// The host registers the running configuration's <see cref="NoticeFacts"/>; without them the route answers 404.
/// </summary>
public static class NoticeRoutes
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/notice", NoticeAsync).AllowAnonymous();

    private static async Task<IResult> NoticeAsync(HttpContext http, IAccountStore accounts, CancellationToken cancel)
    {
        var q = new QueryReader(http.Request.Query);
        var html = (q.OneOf("format", "html", "markdown") ?? "html") == "html";
        q.RejectUnknown();
        var facts = http.RequestServices.GetService<NoticeFacts>() ?? throw ApiProblemException.NotFound("this service has no notice configured");
        var document = TransparencyNotice.Build(facts, await accounts.ListAsync(cancel));
        return html
            ? Results.Text(NoticeHtml.Render(document), "text/html; charset=utf-8")
            : Results.Text(NoticeMarkdown.Render(document), "text/markdown; charset=utf-8");
    }
}
