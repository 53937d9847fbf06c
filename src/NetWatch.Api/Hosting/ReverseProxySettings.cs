using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace NetWatch.Api.Hosting;

/// <summary>
/// The service runs behind a reverse proxy (<c>api.reverse_proxy</c>): requests from these proxies (addresses, or
/// networks) have their client address and scheme taken from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> (the
/// last hop only), so the sign-in rate limit, the audit log, /metrics' loopback rule and the cookies' Secure flag see
/// the real client and https. From anyone else the headers are ignored: a client cannot claim to be loopback.
/// </summary>
public sealed record ReverseProxySettings(IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks)
{
    public ForwardedHeadersOptions ToOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        // The defaults trust loopback; only what the configuration names is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Proxies) options.KnownProxies.Add(proxy);
        foreach (var network in Networks) options.KnownIPNetworks.Add(network);
        return options;
    }
}
