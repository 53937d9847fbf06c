using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.Urls;

/// <summary>
/// UrlParts reads url.path and url.query from url.original where they are what it holds (every URL the normaliser
/// splits) and keeps other values as given: each reads back the same whether as a string or a span, whatever the
/// initialiser's order or a <c>with</c> on url.original, and parts of the same values are equal (and hash alike)
/// however they were built.
/// </summary>
public class UrlPartsTailProperties
{
    private static readonly Arbitrary<string> AnyText = Gen.OneOf(UrlTailProperties.Texts, UrlTailProperties.Urls).ToArbitrary();
    private static readonly Arbitrary<string?> AnyValue = Gen.OneOf(Gen.Constant<string?>(null), Gen.OneOf(UrlTailProperties.Texts, Gen.Elements("", "/", "/a/b", "q=a+b")).Select(s => (string?)s)).ToArbitrary();

    /// <summary>The path and query of a URL with a scheme, found with string methods (the oracle): after "://" and the authority, before '#'.</summary>
    private static (string Path, string? Query) Expected(string text)
    {
        var s = text.Trim();
        var rest = s[(s.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        var tail = end < 0 ? "" : rest[end..].Split('#')[0];
        var q = tail.IndexOf('?');
        var path = q < 0 ? tail : tail[..q];
        var query = q < 0 ? "" : tail[(q + 1)..];
        return (path.Length == 0 ? "/" : path, query.Length == 0 ? null : query);
    }

    private static bool SpansAgree(UrlParts p) =>
        p.HasPath() == (p.Path is not null) && p.PathSpan().SequenceEqual(p.Path ?? "")
        && p.HasQuery() == (p.Query is not null) && p.QuerySpan().SequenceEqual(p.Query ?? "");

    private static string? Copy(string? s) => s is null ? null : new string(s.AsSpan());

    [Property(MaxTest = 3000)]
    public Property Parts_read_back_the_normalisers_path_and_query_and_equal_parts_built_from_their_values() =>
        Prop.ForAll(AnyText, Gen.Elements("GET", "CONNECT").ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (text, method, order) =>
        {
            var parts = UrlNormalizer.Parse(text, method);
            var (path, query) = (Copy(parts.Path), Copy(parts.Query));
            var rest = new UrlParts
            {
                Original = "", Scheme = parts.Scheme, Domain = parts.Domain, DomainUnicode = parts.DomainUnicode, Port = parts.Port,
                RegisteredDomain = parts.RegisteredDomain, TopLevelDomain = parts.TopLevelDomain,
            };
            var rebuilt = order switch
            {
                0 => rest with { Original = Copy(text)!, Path = path, Query = query },
                1 => rest with { Query = query, Path = path, Original = Copy(text)! },
                _ => rest with { Path = path, Original = Copy(text)!, Query = query },
            };
            var asLogged = parts.Scheme is null || (parts.Path, parts.Query) == Expected(text);
            return asLogged && SpansAgree(parts) && SpansAgree(rebuilt) && rebuilt.Equals(parts) && rebuilt.GetHashCode() == parts.GetHashCode()
                && (rebuilt.Path, rebuilt.Query) == (parts.Path, parts.Query);
        });

    [Property(MaxTest = 3000)]
    public Property With_keeps_the_values_set_whatever_the_original() =>
        Prop.ForAll(AnyText, AnyText, Gen.Zip(AnyValue.Generator, AnyValue.Generator).ToArbitrary(), (text, other, values) =>
        {
            var (path, query) = values;
            var parts = UrlNormalizer.Parse(text, "GET");
            var moved = parts with { Original = other };
            var changed = parts with { Path = path, Query = query };
            var back = changed with { Path = parts.Path, Query = parts.Query };
            return (moved.Original, moved.Path, moved.Query) == (other, parts.Path, parts.Query) && SpansAgree(moved)
                && (changed.Path, changed.Query) == (path, query) && SpansAgree(changed)
                && back.Equals(parts) && back.GetHashCode() == parts.GetHashCode()
                && (moved with { Original = text }).Equals(parts);
        });

    [Fact]
    public void A_split_urls_path_and_query_are_views_of_the_original()
    {
        var parts = UrlNormalizer.Parse("http://a.example/p/q?x=1#f", "GET");
        Assert.True(parts.IsTailInOriginal());
        Assert.True(parts.PathSpan().Overlaps(parts.Original.AsSpan()));
        Assert.True(parts.QuerySpan().Overlaps(parts.Original.AsSpan()));
        Assert.Equal(("/p/q", "x=1"), (parts.Path, parts.Query));
        Assert.False((parts with { Query = "y" }).IsTailInOriginal());
    }
}
