using System.Text;
using System.Text.Json;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Core.Tests.Ecs;

public class EcsJsonWriterTests
{
    private static JsonElement Write(NetEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) EcsJsonWriter.Write(w, e);
        return JsonDocument.Parse(buffer.ToArray()).RootElement;
    }

    [Fact]
    public void Fields_nest_as_elasticsearch_indexes_them()
    {
        var doc = Write(TestEvents.Full());

        Assert.Equal("2026-11-22T22:24:48.000Z", doc.GetProperty("@timestamp").GetString());
        Assert.Equal("127.0.10.11", doc.GetProperty("source").GetProperty("ip").GetString());
        Assert.Equal("j.smith", doc.GetProperty("source").GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("j.smith", doc.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("English", doc.GetProperty("user").GetProperty("group").GetProperty("name").GetString());
        Assert.Equal("staff", doc.GetProperty("user").GetProperty("roles")[0].GetString());
        Assert.Equal("google.co.uk", doc.GetProperty("url").GetProperty("registered_domain").GetString());
        Assert.Equal(80, doc.GetProperty("url").GetProperty("port").GetInt32());
        Assert.Equal("GET", doc.GetProperty("http").GetProperty("request").GetProperty("method").GetString());
        Assert.Equal(200, doc.GetProperty("http").GetProperty("response").GetProperty("status_code").GetInt32());
        Assert.Equal(250_000_000, doc.GetProperty("event").GetProperty("duration").GetInt64());
        Assert.Equal("2026-11-22T22:24:47.750Z", doc.GetProperty("event").GetProperty("start").GetString());
        Assert.Equal("Mozilla/5.0 (X11; \"quoted\")", doc.GetProperty("user_agent").GetProperty("original").GetString());
        Assert.Equal("TCP_MISS", doc.GetProperty("squid").GetProperty("result_code").GetString());
        Assert.Equal("jsmith-laptop", doc.GetProperty("host").GetProperty("name").GetString());
        var nw = doc.GetProperty("netwatch");
        Assert.Equal(["search", "education"], nw.GetProperty("categories").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("anti bullying", nw.GetProperty("search").GetProperty("terms").GetString());
        Assert.Equal(2, nw.GetProperty("safeguarding").GetProperty("severity").GetInt32());
        Assert.Equal("proxy-auth", nw.GetProperty("attribution").GetProperty("source").GetString());
        Assert.Equal("work", nw.GetProperty("policy").GetProperty("verdict").GetString());
    }

    [Fact]
    public void Absent_fields_and_empty_groups_are_left_out()
    {
        var doc = Write(TestEvents.Minimal(1) with { Method = null, StatusCode = null, ResponseBytes = null, UserName = null });

        Assert.False(doc.TryGetProperty("http", out _));
        Assert.False(doc.TryGetProperty("user", out _));
        Assert.False(doc.TryGetProperty("squid", out _));
        Assert.False(doc.GetProperty("source").TryGetProperty("user", out _));
        Assert.False(doc.GetProperty("url").TryGetProperty("query", out _));
    }
}
