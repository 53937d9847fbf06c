using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api.Auth;
using NetWatch.Api.Auth.Oidc;
using NetWatch.Web.Pages;
using NetWatch.Web.Printing;
using NetWatch.Web.Reads;

namespace NetWatch.Web.Hosting;

/// <summary>
/// Registers the web app on a host that already has the API (<c>AddNetWatchApi</c>): Razor Pages from this
/// assembly, the reads the pages go through, and the session cookie's behaviour for pages (a page sends a signed-out
/// visitor to the sign-in page; an /api route keeps answering 401 and 403).
/// </summary>
public static class WebServices
{
    public static IServiceCollection AddNetWatchWeb(this IServiceCollection services, WebOptions? options = null)
    {
        services.AddSingleton(options ?? new WebOptions());
        services.AddScoped<PersonalDataReads>();
        services.AddScoped<OperationsReads>();
        services.AddSingleton<ReportPrinter>();
        services.AddSingleton<IOidcPages, WebOidcPages>();
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/SignInComplete");
            pages.Conventions.AllowAnonymousToPage("/SignInRefused");
        }).AddApplicationPart(typeof(WebServices).Assembly);
        services.PostConfigure<CookieAuthenticationOptions>(Schemes.Cookie, cookie =>
        {
            var apiLogin = cookie.Events.OnRedirectToLogin;
            var apiDenied = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToLogin = context => WebPaths.IsPage(context.Request.Path)
                ? Redirect(context, WebPaths.SignIn + "?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString))
                : apiLogin(context);
            cookie.Events.OnRedirectToAccessDenied = context => WebPaths.IsPage(context.Request.Path)
                ? Redirect(context, WebPaths.Denied)
                : apiDenied(context);
        });
        // Too many sign-in attempts from one address (the API's limit, shared with POST /api/session): a page answers
        // with the sign-in form saying so, not the API's JSON problem.
        services.PostConfigure<RateLimiterOptions>(limiter =>
        {
            var api = limiter.OnRejected;
            limiter.OnRejected = (context, cancel) =>
            {
                if (!WebPaths.IsPage(context.HttpContext.Request.Path)) return api?.Invoke(context, cancel) ?? ValueTask.CompletedTask;
                context.HttpContext.Response.Redirect(WebPaths.SignIn + "?limited=true");
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, string to)
    {
        context.Response.Redirect(to);
        return Task.CompletedTask;
    }
}
