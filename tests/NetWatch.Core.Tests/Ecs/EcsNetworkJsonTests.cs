using System.Text.Json;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Tests.Parsing;

namespace NetWatch.Core.Tests.Ecs;

/// <summary>The ECS documents of firewall and DNS events (parsed from the sample logs).</summary>
public class EcsNetworkJsonTests
{
    private static JsonElement Write(NetEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) EcsJsonWriter.Write(w, e);
        return JsonDocument.Parse(buffer.ToArray()).RootElement;
    }

    private static NetEvent Sample(string file, string format, int line) =>
        FormatSamples.Event(FormatSamples.Parse(file, format), line);

    [Fact]
    public void A_dns_query_is_a_network_event_with_its_question()
    {
        var doc = Write(Sample("bind-query.log", LogFormats.BindQuery, 2));
        Assert.Equal("network", doc.GetProperty("event").GetProperty("category")[0].GetString());
        Assert.Equal("dns-query", doc.GetProperty("event").GetProperty("action").GetString());
        Assert.Equal("dns", doc.GetProperty("observer").GetProperty("type").GetString());
        var question = doc.GetProperty("dns").GetProperty("question");
        Assert.Equal("classroom.google.com", question.GetProperty("name").GetString());
        Assert.Equal("AAAA", question.GetProperty("type").GetString());
        Assert.Equal("IN", question.GetProperty("class").GetString());
        Assert.Equal(["RD", "DO"], doc.GetProperty("dns").GetProperty("header_flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(40211, doc.GetProperty("source").GetProperty("port").GetInt32());
        Assert.Equal("10.20.0.2", doc.GetProperty("destination").GetProperty("ip").GetString());
        Assert.Equal("udp", doc.GetProperty("network").GetProperty("transport").GetString());
    }

    [Fact]
    public void A_filterlog_packet_is_a_network_event_from_a_firewall()
    {
        var doc = Write(Sample("pfsense-filterlog.log", LogFormats.PfSenseFilterlog, 1));
        Assert.Equal("network", doc.GetProperty("event").GetProperty("category")[0].GetString());
        Assert.Equal("firewall", doc.GetProperty("observer").GetProperty("type").GetString());
        Assert.Equal(443, doc.GetProperty("destination").GetProperty("port").GetInt32());
        Assert.Equal("block", doc.GetProperty("pfsense").GetProperty("action").GetString());
        Assert.Equal("S", doc.GetProperty("pfsense").GetProperty("tcp").GetProperty("flags").GetString());
    }

    [Fact]
    public void A_fortigate_web_filter_line_is_a_web_event_with_its_fortinet_group()
    {
        var doc = Write(Sample("fortigate.log", LogFormats.Fortigate, 1));
        Assert.Equal("web", doc.GetProperty("event").GetProperty("category")[0].GetString());
        Assert.Equal("firewall", doc.GetProperty("observer").GetProperty("type").GetString());
        var fw = doc.GetProperty("fortinet").GetProperty("firewall");
        Assert.Equal("Social Networking", fw.GetProperty("catdesc").GetString());
        Assert.Equal("blocked", fw.GetProperty("action").GetString());
        Assert.Equal(37, fw.GetProperty("cat").GetInt32());
        Assert.Equal(517, doc.GetProperty("source").GetProperty("bytes").GetInt64());
        Assert.Equal(0, doc.GetProperty("destination").GetProperty("bytes").GetInt64());
    }
}
