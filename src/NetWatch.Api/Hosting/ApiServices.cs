using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Auth;
using NetWatch.Api.Auth.Oidc;
using NetWatch.Api.Metrics;
using NetWatch.Api.Routes;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Accounts;
using NodaTime;

namespace NetWatch.Api.Hosting;

/// <summary>
/// Registers what the API needs. The store's facets come from the caller: IEventSearch, IAggregates, IAuditLog,
/// ICheckpointReader and IAccountStore must be registered too (the composition root registers the opened store's).
/// </summary>
public static class ApiServices
{
    public static IServiceCollection AddNetWatchApi(this IServiceCollection services, ApiOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton<IClock>(NodaTime.SystemClock.Instance);
        services.TryAddSingleton<ApiMetrics>(); // the service registers its own first: its pipeline's registry
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Routes.AlertTriage>(); // the DSL's triage, for the API's routes and the web pages alike
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton<SignInService>();
        services.TryAddSingleton<LocalAccess>();

        // The framework's request logs carry paths and query strings, which name people: warnings and errors only.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning));

        var authentication = services.AddAuthentication(Schemes.Default)
            .AddPolicyScheme(Schemes.Default, "bearer token or session cookie", policy =>
                policy.ForwardDefaultSelector = context =>
                    BearerTokenHandler.TryGetToken(context.Request.Headers.Authorization.ToString(), out _) ? Schemes.Bearer : Schemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Schemes.Bearer, null)
            .AddCookie(Schemes.Cookie, cookie =>
            {
                cookie.Cookie.Name = Schemes.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = options.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = options.SessionIdle;
                cookie.SlidingExpiration = true;
                // An API answers with a status, never a redirect to a sign-in page.
                cookie.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                cookie.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        if (options.Oidc is { } oidc) authentication.AddNetWatchOidc(oidc, options);
        services.AddAuthorization(authorization => Policies.Add(authorization, options));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AntiforgeryCheck.HeaderName;
            antiforgery.Cookie.Name = "netwatch.csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = options.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Attempts are POSTs: the web app's sign-in page shares this policy, and opening its form (a GET) is no attempt.
            limiter.AddPolicy(SessionRoutes.SignInRateLimit, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter(
                    (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString(),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiProblemHandler>();
        services.AddHealthChecks();
        return services;
    }

    /// <summary>The facets of an opened store the API reads through, and its accounts.</summary>
    public static IServiceCollection AddNetWatchStore(this IServiceCollection services, IStore store, IAccountStore accounts) => services
        .AddSingleton(store.Search)
        .AddSingleton(store.Aggregates)
        .AddSingleton(store.Audit)
        .AddSingleton(store.Checkpoints)
        .AddSingleton(store.Alerts)
        .AddSingleton(store.Outbox)
        .AddSingleton<Privacy.ISubjectRecords>(new Privacy.AlertSubjectRecords(store.Alerts))
        .AddSingleton(accounts);

    /// <summary>
    /// A session cookie stays good only while its account is enabled and still has the role and school the cookie
    /// says: a disable or set-role takes effect on the next request, not when the cookie expires.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        var name = context.Principal is { } p ? ApiUser.From(p)?.Name : null;
        var account = name is null ? null : await accounts.GetAsync(name, context.HttpContext.RequestAborted);
        if (account is { Disabled: false } && ApiUser.Matches(context.Principal!, account)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Schemes.Cookie);
    }
}
