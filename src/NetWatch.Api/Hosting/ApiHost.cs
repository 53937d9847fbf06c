using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace NetWatch.Api.Hosting;

/// <summary>
/// The API on a host of its own: Kestrel as configured, the API's services and routes, and whatever
/// <paramref name="configure"/> adds (the store's facets, health checks, metrics). <c>netwatch run</c> can use this
/// or call <see cref="KestrelSetup.UseNetWatchKestrel"/>, <see cref="ApiServices.AddNetWatchApi"/> and
/// <see cref="ApiEndpoints.MapNetWatchApi"/> on a builder of its own.
/// </summary>
public static class ApiHost
{
    public static WebApplication Build(ApiOptions options, Action<IServiceCollection> configure)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseNetWatchKestrel(options);
        builder.Services.AddNetWatchApi(options);
        configure(builder.Services);
        var app = builder.Build();
        app.MapNetWatchApi();
        return app;
    }

    /// <summary>The address a started host listens on (its port when 0 was asked for).</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
