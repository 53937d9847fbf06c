using Microsoft.AspNetCore.Http;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Web.Hosting;

/// <summary>The web app's paths: which requests are pages (everything but the API's, /metrics and /healthz), and each role's home.</summary>
public static class WebPaths
{
    public const string SignIn = "/signin";
    public const string Denied = "/denied";
    public const string Static = "/static";

    public static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/metrics") && !path.StartsWithSegments("/healthz");

    public static string Home(AccountRole role) => role switch
    {
        AccountRole.Dsl or AccountRole.DeputyDsl => "/dsl",
        AccountRole.Slt => "/slt",
        AccountRole.Auditor => "/auditor",
        AccountRole.IctAdmin => "/ict",
        _ => "/",
    };
}
