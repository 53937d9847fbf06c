using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.Urls;

public class UrlNormalizerProperties
{
    [Property(MaxTest = 2000)]
    public bool Never_throws_on_any_text(string text, bool connect)
    {
        var u = UrlNormalizer.Parse(text ?? "", connect ? "CONNECT" : "GET");
        return u.Original == (text ?? "");
    }

    private static readonly Gen<string> Label = Gen.Elements("www", "mail", "a", "bbc", "Bücher", "xn--bcher-kva", "x-y", "café", "GOOGLE", "b2");
    private static readonly Gen<string> Suffix = Gen.Elements("com", "co.uk", "ck", "example", "Com", "uk.");
    private static readonly Gen<string> Host = Gen.OneOf(
        from a in Label
        from b in Label
        from c in Label
        from n in Gen.Choose(0, 3)
        from suffix in Suffix
        select string.Join('.', new[] { a, b, c }.Take(n).Append(suffix)),
        Gen.Elements("127.0.0.1", "[::1]", "[2001:DB8::0:1]", "10.0.0.255"));

    private static readonly Gen<string> Url =
        from scheme in Gen.Elements("http", "HTTPS", "ftp", "ws")
        from host in Host
        from port in Gen.Elements("", ":80", ":443", ":8080", ":1")
        from path in Gen.Elements("", "/", "/a/b", "/x%20y", "/é/ü", "//double")
        from query in Gen.Elements("", "?", "?q=a+b", "?q=caf%C3%A9&x=1", "?q=café")
        from fragment in Gen.Elements("", "#top")
        select $"{scheme}://{host}{port}{path}{query}{fragment}";

    [Property(MaxTest = 1000)]
    public Property Normalisation_is_idempotent() => Prop.ForAll(Url.ToArbitrary(), url =>
    {
        var first = UrlNormalizer.Parse(url);
        var canonical = UrlNormalizer.ToCanonical(first);
        var second = UrlNormalizer.Parse(canonical!);
        return canonical is not null
            && UrlNormalizer.ToCanonical(second) == canonical
            && second with { Original = "" } == first with { Original = "" };
    });

    [Property(MaxTest = 500)]
    public Property Connect_authority_round_trips() => Prop.ForAll(Host.ToArbitrary(), Gen.Choose(1, 65535).ToArbitrary(), (host, port) =>
    {
        var u = UrlNormalizer.Parse($"{host}:{port}", "CONNECT");
        return u.Port == port && u.Path is null && u.Domain is not null
            && UrlNormalizer.Parse(UrlNormalizer.ToCanonical(u)!, "CONNECT") with { Original = "" } == u with { Original = "" };
    });
}
