using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// The read-ahead's check from a URL as logged (<see cref="LexicalUrlScreen.MayAlert(ReadOnlySpan{char}, ReadOnlySpan{char})"/>,
/// which skips the URL parts for most URLs) answers as the check of the event's URL parts does, for URLs that carry
/// the phrase library's phrases in every spelling the lexical layer reads through (case, percent-encoding, '+',
/// spacing, letter substitutions), search engines' queries, CONNECT authorities, text without a scheme and junk.
/// </summary>
public class LexicalUrlScreenProperties
{
    private static readonly LexicalUrlScreen Screen = LexicalUrlScreen.Default;

    private static bool SameAnswer(string method, string url) => Screen.MayAlert(method, url) == Screen.MayAlert(LineUrl.Parts(method, url));

    private static readonly string[] Phrases = SafeguardingLibrary.Default.Phrases.Select(p => p.Phrase).ToArray();

    private static Gen<string> Spelled(string text) =>
        from style in Gen.Choose(0, 7)
        select style switch
        {
            0 => text,
            1 => text.Replace(' ', '+'),
            2 => text.Replace(" ", "%20"),
            3 => text.Replace(' ', '-').ToUpperInvariant(),
            4 => string.Concat(text.Select(c => c == ' ' ? "" : c.ToString())),                              // Squid's stripped spaces
            5 => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => $"%{b:X2}")),                       // every byte encoded
            6 => text.Replace('e', '3').Replace('a', '4').Replace(' ', '_'),
            _ => text.Replace(" ", "%2B").Replace("o", "%C3%B3"),                                            // encoded '+', accents
        };

    private static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.Elements(Phrases).SelectMany(Spelled)),
        (2, Gen.Elements("img", "3418dad4.png", "api", "v2", "quiz", "kill", "self", "harm", "my", "how", "to", "%zz", "%E2%80", "é", "café",
            "a+b", "%", "..", "index.html", "x" + new string('y', 1100)).SelectMany(Spelled)),
        (1, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")));

    private static readonly Gen<string> Path = Gen.ArrayOf(Text).Select(parts => "/" + string.Join('/', parts.Take(4)));

    private static readonly Gen<string> Query = Gen.Frequency(
        (2, Gen.Constant("")),
        (3, from name in Gen.Elements("q", "id", "search_query", "p", "text", "Q")
            from value in Text
            from more in Gen.Elements("", "&ie=UTF-8", "&q=", "#top", "&&", "&q=cats", "&search_query=maths+homework")
            select $"?{name}={value}{more}"),
        (1, Text.Select(t => "?" + t)));

    private static readonly Gen<string> Host = Gen.Elements("example.com", "www.google.com", "google.co.uk", "www.bing.com", "youtube.com",
        "m.youtube.com", "duckduckgo.com", "search.yahoo.com", "10.1.2.3", "[2001:db8::1]", "user:pw@example.org:8080", "EXAMPLE.COM.",
        "bücher.de", "xn--bcher-kva.de", "exa mple.com", "", ":443", "host:99999", "a..b", "-bad-.com");

    private static readonly Gen<string> Url = Gen.Frequency(
        (6, from scheme in Gen.Elements("http", "https", "HTTPS", "ftp", "ws", "1x", "h-t.tp", "")
            from host in Host
            from path in Gen.Frequency((1, Gen.Constant("")), (1, Gen.Constant("/")), (6, Path))
            from query in Query
            from pad in Gen.Elements("", " ", "\t")
            select $"{pad}{scheme}://{host}{path}{query}{pad}"),
        (1, from host in Host from port in Gen.Elements("443", "80", "x", "") select $"{host}:{port}"),   // CONNECT
        (1, Gen.Zip(Path, Query).Select(t => t.Item1 + t.Item2)),                                         // no scheme, no host
        (1, Text));

    [Property(MaxTest = 5000)]
    public Property The_url_as_logged_gets_the_answer_of_its_parts() =>
        Prop.ForAll(Gen.Zip(Gen.Elements("GET", "CONNECT", "connect", "POST", "-", "HEAD"), Url).ToArbitrary(), t => SameAnswer(t.Item1, t.Item2));

    [Property(MaxTest = 1000)]
    public bool Any_text(string? method, string? url) => SameAnswer(method ?? "", url ?? "");

    /// <summary>The generator reaches both answers, and the short way's cases (no parts) among them.</summary>
    [Theory]
    [InlineData("GET", "https://example.com/how-to-kill-myself", true)]
    [InlineData("GET", "https://example.com/how%20to%20kill%20myself?x=1", true)]
    [InlineData("GET", "https://example.com/a?text=how+to+kill+myself", true)]
    [InlineData("GET", "http://EXAMPLE.com:8080/howtokillmyself#frag", true)]
    [InlineData("GET", "https://www.google.com/search?q=how+to+kill+myself", true)]
    [InlineData("GET", "https://example.com/img/3418dad4.png", false)]
    [InlineData("GET", "https://example.com/", false)]
    [InlineData("GET", "https://example.com", false)]
    [InlineData("CONNECT", "example.com:443", false)]
    [InlineData("GET", "how to kill myself", true)]
    public void Known_answers(string method, string url, bool alerts)
    {
        Assert.Equal(alerts, Screen.MayAlert(method, url));
        Assert.Equal(alerts, Screen.MayAlert(LineUrl.Parts(method, url)));
    }
}
