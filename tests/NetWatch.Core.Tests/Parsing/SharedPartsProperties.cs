using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Parsing.Squid;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>
/// What the Squid layouts share between lines (a repeated URL's parts, <see cref="RepeatedUrls"/>; a repeated
/// (result, hierarchy, peer), <see cref="SharedSquidFields"/>) is what parsing the line alone makes: the parts equal
/// <see cref="SafeUrl.Parse"/> of the URL text with that method, whatever the tables held before, and a line parsed
/// again, after other lines, gives an equal event.
/// </summary>
public class SharedPartsProperties
{
    private static readonly ParserOptions Options = new() { TimeZone = DateTimeZone.Utc };

    private static readonly string[] Methods = ["GET", "CONNECT", "connect", "POST", "-", ""];

    /// <summary>URL-like texts: absolute URLs, CONNECT authorities and damaged ones, many alike (so that they collide and repeat).</summary>
    private static readonly Gen<string> UrlTexts =
        from scheme in Gen.Elements("http://", "https://", "HTTP://", "", "ftp://", "://")
        from host in Gen.Elements("www.google.com", "a.b", "[::1]", "10.0.0.1", "xn--bcher-kva.example", "bücher.example", "", "WWW.Google.COM.")
        from port in Gen.Elements("", ":443", ":8080", ":99999", ":")
        from tail in Gen.Elements("", "/", "/a/b", "/a?b=1", "?q=x", "/#f", "/p?q=%20&r")
        select scheme + host + port + tail;

    [Property(MaxTest = 300)]
    public Property Repeated_urls_give_the_parts_of_a_fresh_parse() =>
        Prop.ForAll(Gen.Zip(Gen.Elements(Methods), Gen.OneOf(UrlTexts, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")))
                .ArrayOf().ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), (requests, size) =>
        {
            // A table of 2 to 16 slots: most URLs push others out, and CONNECT and GET of one text meet.
            var table = new RepeatedUrls(2 << size);
            foreach (var (method, url) in requests.Concat(requests).Concat(requests.Reverse()))
                Assert.Equal(SafeUrl.Parse(url, method), table.Parts(method, url));
        });

    [Fact]
    public void A_repeated_url_is_the_same_instance_for_each_kind_of_method()
    {
        var table = new RepeatedUrls();
        var get = table.Parts("GET", "www.example.org:443");
        var connect = table.Parts("CONNECT", "www.example.org:443");
        Assert.Same(get, table.Parts("GET", "www.example.org:443"));
        Assert.Same(connect, table.Parts("CONNECT", "www.example.org:443"));
        Assert.Equal(SafeUrl.Parse("www.example.org:443", "GET"), get);
        Assert.Equal("www.example.org", connect.Domain);
    }

    [Fact]
    public void A_long_url_is_parsed_each_time()
    {
        var url = "http://example.org/" + new string('a', RepeatedUrls.MaxLength);
        var table = new RepeatedUrls();
        Assert.NotSame(table.Parts("GET", url), table.Parts("GET", url));
        Assert.Equal(SafeUrl.Parse(url, "GET"), table.Parts("GET", url));
    }

    [Property(MaxTest = 300)]
    public Property Squid_fields_are_the_values_asked_whatever_the_table_holds() =>
        Prop.ForAll(Gen.Elements<string?>("TCP_MISS", "TCP_HIT", null, "X").Three().ArrayOf().ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (triples, size) =>
        {
            var table = new SharedSquidFields(1 << size);
            // The same values as new strings too: text that was not shared must get its own values, not a neighbour's.
            foreach (var (r, h, p) in triples.Concat(triples).Concat(triples.Select(t => (Copy(t.Item1), Copy(t.Item2), Copy(t.Item3)))))
                Assert.Equal(new SquidFields { ResultCode = r, HierarchyCode = h, Peer = p }, table.Get(r, h, p));
        });

    private static string? Copy(string? s) => s is null ? null : new string(s.AsSpan());

    [Property(MaxTest = 100)]
    public Property A_line_parsed_again_after_others_gives_an_equal_event() =>
        Prop.ForAll(Gen.Elements(LogFormats.SquidNative, LogFormats.SquidCustom, LogFormats.SquidCombined, LogFormats.E2Guardian3)
            .SelectMany(f => ValidEventGenerators.For(f).ArrayOf().Select(es => (f, es))).ToArbitrary(), t =>
        {
            var formatter = LogFormats.CreateFormatter(t.f, Options);
            var parser = LogFormats.CreateParser(t.f, Options);
            var lines = t.es.Select(formatter.FormatLine).ToArray();
            var first = lines.Select((l, i) => parser.Parse(l, new EventOrigin("p", i + 1)).Event).ToArray();
            for (var i = lines.Length - 1; i >= 0; i--)
            {
                var again = parser.Parse(lines[i], new EventOrigin("p", i + 1)).Event;
                Assert.Equal(first[i], again);
                if (again is null) continue;
                Assert.Equal(SafeUrl.Parse(again.Url.Original, again.Method), again.Url);
            }
        });
}
