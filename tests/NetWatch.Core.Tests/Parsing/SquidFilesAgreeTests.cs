using NetWatch.Core.Parsing;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>Line N of the three Squid logs is the same transaction: the parsers must say the same about it.</summary>
public class SquidFilesAgreeTests
{
    [Fact]
    public void The_three_squid_logs_agree_line_by_line()
    {
        var native = CorpusParseTests.ParseFile("squid-native.log", LogFormats.SquidNative);
        var combined = CorpusParseTests.ParseFile("squid-combined.log", LogFormats.SquidCombined);
        var custom = CorpusParseTests.ParseFile("squid-custom.log", LogFormats.SquidCustom);
        Assert.Equal(native.Count, combined.Count);
        Assert.Equal(native.Count, custom.Count);
        for (var i = 0; i < native.Count; i++)
        {
            var where = $"line {i + 1}";
            Assert.True(native[i].IsSuccess == combined[i].IsSuccess && native[i].IsSuccess == custom[i].IsSuccess, where);
            if (!native[i].IsSuccess)
            {
                Assert.Equal(native[i].Reason, combined[i].Reason);
                Assert.Equal(native[i].Reason, custom[i].Reason);
                continue;
            }
            var (n, b, c) = (native[i].Event!, combined[i].Event!, custom[i].Event!);
            Assert.Equal(n, c with { Id = n.Id, Origin = n.Origin, UserAgent = null, Referrer = null, Url = n.Url });
            Assert.True(n.Timestamp.ToUnixTimeSeconds() == b.Timestamp.ToUnixTimeSeconds(), $"{where} second of @timestamp");
            Assert.True(n.SourceIp == b.SourceIp, $"{where} ip");
            Assert.True(n.SourceUserName == b.SourceUserName, $"{where} user");
            Assert.True(n.Method == b.Method, $"{where} method");
            Assert.True(n.Url.Original == b.Url.Original && n.Url.Original == c.Url.Original, $"{where} url");
            Assert.True(n.StatusCode == b.StatusCode, $"{where} status");
            Assert.True(n.ResponseBytes == b.ResponseBytes, $"{where} bytes");
            Assert.True(n.Action == b.Action, $"{where} action");
            Assert.True(n.Squid!.ResultCode == b.Squid!.ResultCode && n.Squid.HierarchyCode == b.Squid.HierarchyCode, $"{where} codes");
            Assert.True(b.UserAgent == c.UserAgent, $"{where} user agent '{b.UserAgent}' vs '{c.UserAgent}'");
            Assert.True(b.Referrer == c.Referrer, $"{where} referrer");
        }
    }
}
