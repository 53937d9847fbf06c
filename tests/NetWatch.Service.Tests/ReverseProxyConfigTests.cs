using System.Net;
using NetWatch.Service.Config;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary><c>api.reverse_proxy</c>: read as written; a bad address or network, or neither given, fails at its line.</summary>
public sealed class ReverseProxyConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Write(string api)
    {
        var path = _dir.File("netwatch.yaml");
        File.WriteAllText(path, $"store: {_dir.File("store")}\nsources:\n  - name: a\n    path: {_dir.File("a.log")}\n    format: squid-native\n" + api);
        return path;
    }

    [Fact]
    public void Proxies_and_networks_are_read_as_written()
    {
        var proxy = ServiceConfigReader.Load(Write("api:\n  reverse_proxy:\n    proxies: [127.0.0.1, \"::1\"]\n    networks: [10.20.0.0/24]\n")).Api.ReverseProxy!;
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], proxy.Proxies);
        Assert.Equal([System.Net.IPNetwork.Parse("10.20.0.0/24")], proxy.Networks);
        Assert.Null(ServiceConfigReader.Load(Write("")).Api.ReverseProxy);
    }

    [Theory]
    [InlineData("api:\n  reverse_proxy:\n    proxies: [nginx.local]\n", 8, "'nginx.local' is not an IP address (the proxy's)")]
    [InlineData("api:\n  reverse_proxy:\n    networks: [10.20.0.0/99]\n", 8, "'10.20.0.0/99' is not a network such as 10.0.0.0/24")]
    [InlineData("api:\n  reverse_proxy: { trust: all }\n", 7, "unknown setting 'api.reverse_proxy.trust'")]
    [InlineData("api:\n  reverse_proxy: { proxies: [] }\n", 7, "needs 'proxies'")]
    public void A_bad_reverse_proxy_setting_fails_at_its_line(string api, int line, string problem)
    {
        var path = Write(api);
        var error = Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
        Assert.Equal($"{path}:{line}", error.Where);
        Assert.Contains(problem, error.Problem);
    }

    public void Dispose() => _dir.Dispose();
}
