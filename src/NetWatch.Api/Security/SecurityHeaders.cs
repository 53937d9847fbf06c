using Microsoft.AspNetCore.Builder;

namespace NetWatch.Api.Security;

/// <summary>
/// Headers on every answer: no content from anywhere (the API serves JSON, CSV and text, never a page), no framing,
/// no type sniffing, no referrer, nothing cached (answers hold personal data).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // Both directives: personal data is never kept by a browser or a proxy, and the antiforgery system (which wants
        // no-cache on every page with a form token) has nothing to override, so it no longer logs a warning per page.
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        return next(context);
    });
}
