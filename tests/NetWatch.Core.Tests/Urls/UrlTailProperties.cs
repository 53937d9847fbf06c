using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.Urls;

/// <summary>
/// UrlTail finds in url.original the path and query the normaliser gave it: the store leaves them out where it does
/// (NetWatch.Storage's StoredUrl), so a URL where the two differ would only cost its strings, but the rule must hold
/// for the store to save them.
/// </summary>
public class UrlTailProperties
{
    private static readonly Gen<string> Piece = Gen.Elements(
        "http", "HTTPS", "ftp", "x+y", "1a", "", "://", ":", "/", "//", "?", "??", "#", "#f?x", "@", "user:pw@", "[::1]", "[", "]",
        "www.example.com", "Bücher.de", "a", "é", "%20", " ", "\t", "q=a+b", "&", ":8080", ":99999", "\uFFFF");

    /// <summary>Texts made of URL pieces in any order: most split, many do not.</summary>
    internal static readonly Gen<string> Texts = Gen.ListOf(Piece).Select(parts => string.Concat(parts));

    /// <summary>URLs with a scheme, in the shapes proxies log them (UrlPartsTailProperties uses them too).</summary>
    internal static readonly Gen<string> Urls =
        from lead in Gen.Elements("", " ", "\t")
        from scheme in Gen.Elements("http", "HTTPS", "ftp", "ws", "svn+ssh")
        from host in Gen.Elements("www.example.com", "user@host.example", "[2001:db8::1]", "10.0.0.1", "Bücher.de", "a.example:443")
        from port in Gen.Elements("", ":80", ":8080")
        from path in Gen.Elements("", "/", "/a/b", "/x%20y", "/é/ü", "//double", "/a?b/c", "/\uFFFF", "/search")
        from query in Gen.Elements("", "?", "?q=a+b", "?q=http://x.y/?z", "?\uFFFFq", "??", "?q=%E2%9C%93")
        from fragment in Gen.Elements("", "#top", "#a?b")
        from trail in Gen.Elements("", " ")
        select $"{lead}{scheme}://{host}{port}{path}{query}{fragment}{trail}";

    [Property(MaxTest = 2000)]
    public Property Where_the_normaliser_finds_a_scheme_the_tail_gives_its_path_and_query() =>
        Prop.ForAll(Gen.OneOf(Texts, Urls).ToArbitrary(), Gen.Elements("GET", "CONNECT").ToArbitrary(), (text, method) =>
        {
            var parts = UrlNormalizer.Parse(text, method);
            if (parts.Scheme is null) return true;
            return UrlTail.TryFind(text, out var path, out var query)
                && parts.Path is not null && path.SequenceEqual(parts.Path)
                && (parts.Query is null ? query.IsEmpty : query.SequenceEqual(parts.Query));
        });

    [Theory]
    [InlineData("http://a.example", "/", "")]
    [InlineData("http://a.example?x", "/", "x")]
    [InlineData("http://a.example#f?x", "/", "")]
    [InlineData(" https://a.example/p/q?x=1&y=http://b/?c#frag ", "/p/q", "x=1&y=http://b/?c")]
    [InlineData("http://a.example/p?", "/p", "")]
    public void Splits_the_tail_after_the_authority(string original, string path, string query)
    {
        Assert.True(UrlTail.TryFind(original, out var p, out var q));
        Assert.Equal(path, p.ToString());
        Assert.Equal(query, q.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("://a.example/")]
    [InlineData("a.example:443")]
    [InlineData("/relative?x")]
    public void Finds_nothing_without_a_scheme_separator(string original) => Assert.False(UrlTail.TryFind(original, out _, out _));
}
