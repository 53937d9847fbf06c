using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

internal static class ParseHelper
{
    public static ParseResult Try(string format, string line, DateTimeZone? zone = null) =>
        LogFormats.CreateParser(format, new ParserOptions { TimeZone = zone ?? DateTimeZone.Utc })
            .Parse(line, new EventOrigin("test.log", 7));

    public static NetEvent Event(string format, string line, DateTimeZone? zone = null)
    {
        var r = Try(format, line, zone);
        Assert.True(r.IsSuccess, $"expected an event, got {r.Reason}: {r.Detail}");
        return r.Event!;
    }

    public static Instant Epoch(long ms) => Instant.FromUnixTimeMilliseconds(ms);
}
