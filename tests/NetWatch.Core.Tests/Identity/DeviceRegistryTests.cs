using NetWatch.Core.Identity;

namespace NetWatch.Core.Tests.Identity;

public sealed class DeviceRegistryTests
{
    [Fact]
    public void Finds_devices_by_ip_mac_and_name()
    {
        var result = DeviceRegistryCsvParser.Parse("devices.csv",
        [
            "ip,mac,name,owner,kind",
            "127.0.10.50,3C-22-FB-0A-00-32,classroom-pc-50,,shared",
            "127.0.20.31,,y9khan-ipad,y9.khan,Assigned",
            ",0011.2233.4455,printer-3f,,infrastructure",
            "::1,,intranet,,infrastructure",
        ]);
        Assert.Empty(result.Errors);
        var reg = result.Value;
        Assert.True(IpKey.TryParse("127.0.10.50", out var ip50));
        Assert.Equal("classroom-pc-50", reg.ByIp(ip50)!.Name);
        Assert.True(MacKey.TryParse("3c:22:fb:0a:00:32", out var mac));
        Assert.Equal("classroom-pc-50", reg.ByMac(mac)!.Name);
        Assert.Equal(DeviceKind.Shared, reg.ByName("CLASSROOM-PC-50.school.example")!.Kind);
        Assert.Equal("y9.khan", reg.ByName("y9khan-ipad$")!.Owner);
        Assert.True(MacKey.TryParse("00:11:22:33:44:55", out var printer));
        Assert.Equal("printer-3f", reg.ByMac(printer)!.Name);
        Assert.True(IpKey.TryParse("[::1]", out var v6));
        Assert.Equal("intranet", reg.ByIp(v6)!.Name);
    }

    [Theory]
    [InlineData("127.0.10.11,,laptop,,assigned", "assigned device 'laptop' has no owner")]
    [InlineData("127.0.10.50,,pc,j.smith,shared", "shared device 'pc' must not have an owner")]
    [InlineData("127.0.10.300,,pc,,shared", "'127.0.10.300' is not an IP address")]
    [InlineData("127.0.10.5,zz:11,pc,,shared", "'zz:11' is not a hardware (MAC) address")]
    [InlineData(",,pc,,shared", "needs an IP or a MAC address")]
    [InlineData("127.0.10.5,,pc,,laptop", "kind 'laptop' is not one of shared, assigned, guest, infrastructure")]
    [InlineData("127.0.10.5,,pc,,1", "kind '1' is not one of")]
    [InlineData("127.0.10.9,,,,shared", "empty device name")]
    [InlineData("127.0.10.1,,dup,,shared", "IP 127.0.10.1 is already registered on line 2")]
    public void Bad_rows_name_the_line_and_the_problem(string row, string problem)
    {
        var result = DeviceRegistryCsvParser.Parse("devices.csv", ["ip,mac,name,owner,kind", "127.0.10.1,,first,,shared", row]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains(problem, error.Problem);
        Assert.Equal($"devices.csv:3: {error.Problem}", error.ToString());
    }

    [Fact]
    public void A_header_without_an_address_column_is_an_error()
    {
        var error = Assert.Single(DeviceRegistryCsvParser.Parse("d.csv", ["name,kind", "pc,shared"]).Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("'ip' or a 'mac' column", error.Problem);
    }
}
