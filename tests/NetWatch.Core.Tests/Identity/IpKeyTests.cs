using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Identity;

namespace NetWatch.Core.Tests.Identity;

public sealed class IpKeyTests
{
    // ProxyLogin skips the address parse for logged names that start with such a letter (most user names).
    [Property(MaxTest = 500)]
    public Property Text_starting_with_a_letter_past_f_is_never_an_address() => Prop.ForAll(
        Gen.Elements('g', 'p', 's', 'y', 'z', 'G', 'P', 'Z').ToArbitrary(),
        Gen.Elements("::1", "e80::1", "::ffff:10.0.0.1", ":2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", "::", "e80::1%eth0", "").ToArbitrary(),
        ArbMap.Default.ArbFor<NonNull<string>>(),
        (letter, address, noise) => !IpKey.TryParse(letter + address, out _) && !IpKey.TryParse(letter + noise.Get, out _)
            && !IpKey.TryParse($"{letter}[{address}]", out _));

    [Property(MaxTest = 500)]
    public Property IPv4_round_trips_and_agrees_with_IPAddress() => Prop.ForAll(
        Gen.Choose(0, 255).ArrayOf(4).ToArbitrary(),
        octets =>
        {
            var text = string.Join('.', octets);
            return IpKey.TryParse(text, out var key) && IpKey.Format(key) == IPAddress.Parse(text).ToString()
                && IpKey.IsIPv4(key);
        });

    [Theory]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.4 ")]
    [InlineData("-")]
    [InlineData("j.smith")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_what_is_not_an_address(string? text) => Assert.False(IpKey.TryParse(text, out _));

    [Fact]
    public void IPv6_and_bracketed_forms()
    {
        Assert.True(IpKey.TryParse("::1", out var a));
        Assert.True(IpKey.TryParse("[::1]", out var b));
        Assert.Equal(a, b);
        Assert.False(IpKey.IsIPv4(a));
        Assert.Equal("::1", IpKey.Format(a));
        Assert.True(IpKey.TryParse("::ffff:127.0.10.50", out var mapped));
        Assert.True(IpKey.TryParse("127.0.10.50", out var v4));
        Assert.Equal(v4, mapped);
    }

    [Theory]
    [InlineData("3c:22:fb:0a:00:32")]
    [InlineData("3C-22-FB-0A-00-32")]
    [InlineData("3c22.fb0a.0032")]
    [InlineData("3C22FB0A0032")]
    public void Mac_spellings_agree(string text)
    {
        Assert.True(MacKey.TryParse(text, out var mac));
        Assert.Equal("3c:22:fb:0a:00:32", MacKey.Format(mac));
    }

    [Theory]
    [InlineData("10.20.0.0/16", "10.20.255.1", true)]
    [InlineData("10.20.0.0/16", "10.21.0.1", false)]
    [InlineData("127.0.10.0/25", "127.0.10.99", true)]
    [InlineData("127.0.10.128/25", "127.0.10.99", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("fd00::/8", "fd12::1", true)]
    public void Networks_contain_their_addresses(string network, string ip, bool inside)
    {
        Assert.True(IpNetwork.TryParse(network, out var n));
        Assert.True(IpKey.TryParse(ip, out var k));
        Assert.Equal(inside, n.Contains(k));
    }
}
