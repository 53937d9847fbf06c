using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;
using HostName = NetWatch.Core.Urls.HostName;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>The compact matcher agrees with a slow, obviously-written reference of the documented semantics.</summary>
public class CategoryMatcherProperties
{
    // Few, overlapping labels so generated hosts often share suffixes with generated entries.
    private static readonly Gen<string> Label = Gen.Elements("a", "b", "ab", "com", "co", "uk", "facebook", "www", "bet365", "1", "2");
    private static readonly Gen<string> HostGen =
        from n in Gen.Choose(1, 4)
        from a in Label from b in Label from c in Label from d in Label
        select string.Join('.', new[] { a, b, c, d }.Take(n));
    private static readonly Gen<string> RestGen =
        from n in Gen.Choose(0, 3)
        from a in Gen.Elements("games", "gamesx", "a", "b")
        from b in Gen.Elements("games", "x", "a")
        from sep in Gen.Elements("/", "?q=", "&", ";")
        select n switch { 0 => "", 1 => "/" + a, 2 => "/" + a + "/" + b, _ => "/" + a + sep + b };
    private static readonly Gen<string> Category = Gen.Elements("c1", "c2", "c3");

    private sealed record Case(List<(string Category, string Domain)> Domains, List<(string Category, string Url)> Urls, string Host, string Rest);

    private static readonly Gen<Case> CaseGen =
        from domains in Gen.Zip(Category, HostGen).ListOf()
        from urls in Gen.Zip(Category, Gen.Zip(HostGen, RestGen).Select(t => t.Item1 + t.Item2)).ListOf()
        from host in HostGen
        from rest in RestGen
        select new Case(domains.Select(t => (t.Item1, t.Item2)).ToList(), urls.Select(t => (t.Item1, t.Item2)).ToList(), host, rest);

    private static bool IsIp(string h) => HostName.IsIpLiteral(h);

    private static bool HostMatches(string host, string entry) =>
        IsIp(host) || IsIp(entry) ? host == entry : host == entry || host.EndsWith("." + entry, StringComparison.Ordinal);

    private static string StripWww(string h) =>
        !IsIp(h) && (h.StartsWith("www.") || h.StartsWith("ftp.")) && h.Count(c => c == '.') >= 2 ? h[4..] : h;

    /// <summary>The semantics, written plainly with strings.</summary>
    private static List<string> Reference(Case c, string host, string rest)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (cat, entry) in c.Domains)
        {
            if (HostMatches(host, entry)) found.Add(cat);
            if (entry.StartsWith("www.") && entry.Count(ch => ch == '.') >= 2 && !IsIp(entry) && host == entry[4..]) found.Add(cat);
        }
        var q = rest.Length == 0 ? "/" : rest;
        foreach (var (cat, url) in c.Urls)
        {
            var cut = url.IndexOfAny(['/', '?']);
            var eh = StripWww(cut < 0 ? url : url[..cut]);
            var er = cut < 0 ? "" : url[cut..].TrimEnd('/');
            if (!HostMatches(host, eh)) continue;
            if (er.Length == 0 || q.StartsWith(er, StringComparison.Ordinal) && (q.Length == er.Length || "/?&;".Contains(q[er.Length])))
                found.Add(cat);
        }
        return found.ToList();
    }

    private static CategoryMatcher Build(Case c) => Lists.Matcher(domains: c.Domains, urls: c.Urls);

    [Property(MaxTest = 1500)]
    public Property Matcher_agrees_with_the_reference() => Prop.ForAll(CaseGen.ToArbitrary(), c =>
    {
        var matcher = Build(c);
        var actual = matcher.Match(UrlNormalizer.Parse("http://" + c.Host + c.Rest));
        var expected = Reference(c, c.Host, c.Rest);
        return actual.SequenceEqual(expected).Label($"expected [{string.Join(',', expected)}] got [{string.Join(',', actual)}]");
    });

    [Property(MaxTest = 500)]
    public Property Matcher_agrees_with_the_reference_on_hosts_that_are_entries() => Prop.ForAll(CaseGen.ToArbitrary(), c =>
    {
        if (c.Domains.Count == 0) return true.ToProperty();
        var host = "x." + c.Domains[0].Domain;
        var matcher = Build(c);
        return matcher.Match(UrlNormalizer.Parse("http://" + host + "/")).SequenceEqual(Reference(c, host, "/")).ToProperty();
    });

    [Property(MaxTest = 500)]
    public Property Classification_ignores_host_case_and_trailing_dot() => Prop.ForAll(CaseGen.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (c, dot) =>
    {
        var matcher = Build(c);
        var plain = matcher.Match(UrlNormalizer.Parse("http://" + c.Host + c.Rest));
        var odd = matcher.Match(UrlNormalizer.Parse("http://" + c.Host.ToUpperInvariant() + (dot ? "." : "") + ":8080" + c.Rest));
        var connect = matcher.Match(UrlNormalizer.Parse(c.Host.ToUpperInvariant() + ".:443", "CONNECT"));
        var hostOnly = Reference(c, c.Host, "");
        return plain.SequenceEqual(odd) && connect.SequenceEqual(hostOnly);
    });
}
