using Microsoft.AspNetCore.Builder;
using NetWatch.Api.Security;

namespace NetWatch.Web.Hosting;

/// <summary>
/// The API's headers forbid every content (<see cref="SecurityHeaders"/>); a page needs its own stylesheet, scripts
/// and forms. Pages get a CSP that allows this app's files and nothing else: no inline script or style, no other
/// origin, no framing, forms posting only here. The other headers of the API stay as they are.
/// </summary>
public static class PageSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; media-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UsePageSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (WebPaths.IsPage(context.Request.Path)) context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return next(context);
    });
}
