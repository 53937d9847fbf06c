using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// The per-host memo of <see cref="UrlCategorizer"/> changes no result: over two list sets with domains, urls (so that
/// the path decides for some hosts), allows and an expression, every URL of a stream that repeats hosts with other
/// paths gets the categories the categorizer without a memo gives, whatever was asked before and when the memo is
/// cleared at its bound.
/// </summary>
public class UrlCategorizerMemoProperties
{
    private static readonly Gen<string> Label = Gen.Elements("a", "b", "com", "co", "uk", "www", "facebook", "1");
    private static readonly Gen<string> HostGen =
        from n in Gen.Choose(1, 3)
        from a in Label from b in Label from c in Label
        select string.Join('.', new[] { a, b, c }.Take(n));
    private static readonly Gen<string> RestGen =
        from n in Gen.Choose(0, 3)
        from a in Gen.Elements("games", "gamesx", "a", "play")
        from b in Gen.Elements("games", "x", "a")
        from sep in Gen.Elements("/", "?q=", "&", ";")
        select n switch { 0 => "", 1 => "/" + a, 2 => "/" + a + "/" + b, _ => "/" + a + sep + b };
    private static readonly Gen<string> Category = Gen.Elements("c1", "c2", "c3", "allow", "allow/c1", "allow/c2");

    private sealed record Case(
        List<(string Category, string Domain)> Domains1, List<(string Category, string Url)> Urls1,
        List<(string Category, string Domain)> Domains2, List<(string Category, string Url)> Urls2,
        List<string> Asked, int Capacity);

    private static Gen<List<(string, string)>> Entries(Gen<string> text) =>
        Gen.Zip(Category, text).ListOf().Select(l => l.Select(t => (t.Item1, t.Item2)).ToList());

    private static readonly Gen<string> UrlEntry = Gen.Zip(HostGen, RestGen).Select(t => t.Item1 + t.Item2);

    // A URL as logged: with a scheme and a path, or a CONNECT's host:port.
    private static readonly Gen<string> AskedGen =
        from host in HostGen
        from rest in RestGen
        from scheme in Gen.Elements("http://", "https://", "")
        select scheme.Length == 0 ? host + ":443" : scheme + host + rest;

    private static readonly Gen<Case> CaseGen =
        from d1 in Entries(HostGen)
        from u1 in Entries(UrlEntry)
        from d2 in Entries(HostGen)
        from u2 in Entries(UrlEntry)
        from asked in AskedGen.ListOf()
        from capacity in Gen.Elements(1, 2, 1000)
        select new Case(d1, u1, d2, u2, asked.ToList(), capacity);

    [Property(MaxTest = 1000)]
    public Property Memo_gives_the_categories_of_matching_whole() => Prop.ForAll(CaseGen.ToArbitrary(), c =>
    {
        // Expressions read the whole URL: "play" in one set's, so some URLs of a memoised host match more.
        var sets = new[]
        {
            Lists.Matcher(domains: c.Domains1, urls: c.Urls1, expressions: [("c3", "play")], name: "one"),
            Lists.Matcher(domains: c.Domains2, urls: c.Urls2, name: "two"),
        };
        var memo = new UrlCategorizer(sets, hostMemoCapacity: c.Capacity);
        var whole = new UrlCategorizer(sets, hostMemoCapacity: 0);
        // Every URL twice, the second time after the others: the memo is warm (or cleared) by then.
        foreach (var url in c.Asked.Concat(c.Asked))
        {
            var parts = UrlNormalizer.Parse(url, url.StartsWith("http", StringComparison.Ordinal) ? "GET" : "CONNECT");
            var expected = whole.Categorize(parts);
            var actual = memo.Categorize(parts);
            if (!actual.SequenceEqual(expected))
                return false.Label($"{url}: expected [{string.Join(',', expected)}] got [{string.Join(',', actual)}]");
        }
        return true.ToProperty();
    });
}
