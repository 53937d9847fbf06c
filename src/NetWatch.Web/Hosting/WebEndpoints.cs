using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace NetWatch.Web.Hosting;

/// <summary>
/// Mounts the pages on a host whose middleware the API set up (<c>MapNetWatchApi</c>, called first): the pages'
/// own security headers, the embedded static files under /static, and the Razor Pages.
/// </summary>
public static class WebEndpoints
{
    public static WebApplication MapNetWatchWeb(this WebApplication app)
    {
        app.UsePageSecurityHeaders();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebEndpoints).Assembly, "NetWatch.Web.wwwroot"),
            RequestPath = WebPaths.Static,
            // Files are versioned by the app's build (links carry ?v=): a day's caching is safe and spares phones.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        app.MapRazorPages();
        return app;
    }

    /// <summary>The query string that changes with each build, for static links.</summary>
    public static string Version { get; } =
        typeof(WebEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v
            ? Uri.EscapeDataString(v) : "1";
}
