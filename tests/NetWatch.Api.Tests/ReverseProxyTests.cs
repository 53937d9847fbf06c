using System.Net;
using System.Net.Http.Json;
using NetWatch.Api.Hosting;

namespace NetWatch.Api.Tests;

/// <summary>
/// Behind a reverse proxy (<c>api.reverse_proxy</c>): X-Forwarded-For and X-Forwarded-Proto from a configured proxy
/// decide the client's address and scheme; from anyone else, or without the setting, they are ignored.
/// </summary>
public sealed class ReverseProxyTests
{
    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string client, string proto = "http")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", proto);
        return request;
    }

    private static ApiOptions Behind(params string[] proxies) => TestApi.DefaultOptions with
    {
        ReverseProxy = new ReverseProxySettings([.. proxies.Select(IPAddress.Parse)], []),
    };

    [Fact]
    public async Task Through_a_configured_proxy_the_forwarded_client_is_the_client()
    {
        // The test client is at 127.0.0.1, configured as the proxy: a forwarded outside client is not loopback, so
        // anonymous /metrics (loopback only) is refused to it.
        await using var api = TestApi.Start(Behind("127.0.0.1"));
        using var client = api.Client();
        using var direct = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        using var forwarded = await client.SendAsync(Forwarded(HttpMethod.Get, "/metrics", "192.0.2.10"));
        Assert.NotEqual(HttpStatusCode.OK, forwarded.StatusCode);
    }

    [Fact]
    public async Task Through_a_configured_proxy_that_terminates_TLS_the_session_cookie_is_Secure()
    {
        await using var api = TestApi.Start(Behind("127.0.0.1"));
        using var client = api.Client();
        var request = Forwarded(HttpMethod.Post, "/api/session", "192.0.2.10", "https");
        request.Content = JsonContent.Create(new { name = "dsl", password = TestApi.Password });
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("netwatch.session="));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(false)]   // no reverse_proxy setting
    [InlineData(true)]    // a proxy is configured, but the request does not come from it
    public async Task Forwarded_headers_from_anyone_else_are_ignored(bool otherProxy)
    {
        await using var api = TestApi.Start(otherProxy ? Behind("10.9.9.9") : TestApi.DefaultOptions);
        using var client = api.Client();
        using var forwarded = await client.SendAsync(Forwarded(HttpMethod.Get, "/metrics", "192.0.2.10"));
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);   // still the loopback client it is
        var request = Forwarded(HttpMethod.Post, "/api/session", "192.0.2.10", "https");
        request.Content = JsonContent.Create(new { name = "dsl", password = TestApi.Password });
        using var response = await client.SendAsync(request);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("netwatch.session="));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
