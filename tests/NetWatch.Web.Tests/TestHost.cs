using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api;
using NetWatch.Api.Hosting;
using NetWatch.Storage;
using NetWatch.Web.Hosting;

namespace NetWatch.Web.Tests;

/// <summary>The API and the pages on one Kestrel host over an opened store, built as <c>netwatch run</c> builds them (AddNetWatchApi + AddNetWatchWeb).</summary>
public static class TestHost
{
    /// <summary>Starts the host; <paramref name="feed"/> is the live feed of alert notifications (the dispatcher publishes in <c>netwatch run</c>; tests publish themselves).</summary>
    public static async Task<WebApplication> StartAsync(DuckDbStore store, ApiOptions options, WebOptions? web, NetWatch.Core.Alerts.IAlertFeed feed)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseNetWatchKestrel(options);
        builder.Services.AddNetWatchApi(options);
        builder.Services.AddNetWatchStore(store, store.Accounts);
        builder.Services.AddSingleton(feed);
        builder.Services.AddNetWatchWeb(web);
        var app = builder.Build();
        app.MapNetWatchApi();
        app.MapNetWatchWeb();
        await app.StartAsync();
        return app;
    }
}
