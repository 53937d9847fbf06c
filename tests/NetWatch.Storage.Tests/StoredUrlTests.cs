using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Urls;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests;

/// <summary>
/// The events table keeps url_domain_unicode, url_path and url_query NULL where they repeat url_domain and url_original
/// (<see cref="StoredUrl"/>): every event still reads back as written, and a store that holds the values (written
/// before) reads back the same.
/// </summary>
public sealed class StoredUrlTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private DuckDbStore? _store;
    private static long _nextLine;

    private static readonly Gen<string> UrlTexts = Gen.OneOf(
        from scheme in Gen.Elements("http", "https", "HTTP", "ftp")
        from host in Gen.Elements("www.example.com", "Bücher.de", "xn--bcher-kva.de", "10.0.0.1", "[::1]", "a.b.co.uk")
        from port in Gen.Elements("", ":8080")
        from path in Gen.Elements("", "/", "/a/b", "/é", "/\uFFFF", "/a?b")
        from query in Gen.Elements("", "?", "?q=1", "?\uFFFFx", "?\uFFFF", "?q=http://x/?y")
        from fragment in Gen.Elements("", "#x")
        select $"{scheme}://{host}{port}{path}{query}{fragment}",
        Gen.Elements("www.example.com:443", "10.0.0.1:8443", "[::1]:443", "not a url", "", "://x/", "http://", "http://:80/a?b"));

    /// <summary>Values that could be mistaken for the store's NULL, marker or escape.</summary>
    private static readonly Gen<string?> Odd = Gen.Elements<string?>(null, "", "\uFFFF", "\uFFFF\uFFFF", "\uFFFFa", "/other", "q=1", "/");

    /// <summary>URLs as the parser splits them (nearly all of the import's), and with one part changed (events made
    /// otherwise: every combination must read back).</summary>
    private static readonly Gen<UrlParts> Urls =
        from text in UrlTexts
        from method in Gen.Elements("GET", "CONNECT")
        from change in Gen.Choose(0, 8)
        from odd in Odd
        from other in Odd
        let parsed = UrlNormalizer.Parse(text, method)
        select change switch
        {
            0 => parsed with { Path = odd },
            1 => parsed with { Query = odd },
            2 => parsed with { DomainUnicode = odd },
            3 => parsed with { Path = odd, Query = other },
            4 => parsed with { Scheme = odd },
            5 => parsed with { Domain = odd, DomainUnicode = other },
            _ => parsed,
        };

    [Property(MaxTest = 300)]
    public Property Any_url_reads_back_as_written() => Prop.ForAll(Urls.ToArbitrary(), url =>
    {
        var e = Event(url);
        _store ??= DuckDbStore.Open(_dir.Path);
        StoreEvents.Write(_store, e);
        var read = _store.Search.GetAsync(e.Id, CancellationToken.None).GetAwaiter().GetResult();
        Assert.NotNull(read);
        Assert.Equal(url, read.Url);
        Assert.Empty(EcsTestEvents.Differences(e, read));
    });

    [Theory]
    [InlineData("http://www.example.com/a/b?q=1#top", "GET")]
    [InlineData("https://Bücher.de/", "GET")]
    [InlineData("www.example.com:443", "CONNECT")]
    public void A_parsed_url_leaves_the_parts_it_repeats_null(string original, string method)
    {
        var url = UrlNormalizer.Parse(original, method);
        var e = Event(url);
        using (var store = DuckDbStore.Open(_dir.Path)) StoreEvents.Write(store, e);

        var (unicode, path, query) = StoredColumns();
        Assert.Equal(url.DomainUnicode == url.Domain ? null : url.DomainUnicode, unicode);
        Assert.Null(path);
        Assert.Null(query);
        using var reopened = DuckDbStore.Open(_dir.Path);
        Assert.Equal(url, Assert.Single(StoreEvents.All(reopened)).Url);
    }

    [Theory]
    [InlineData("http://www.example.com/a/b?q=1#top", "GET")]
    [InlineData("https://xn--bcher-kva.de/", "GET")]
    [InlineData("http://www.example.com/?\uFFFFq", "GET")]
    [InlineData("www.example.com:443", "CONNECT")]
    [InlineData("not a url", "GET")]
    public void A_store_written_with_every_value_reads_back_the_same(string original, string method)
    {
        var url = UrlNormalizer.Parse(original, method);
        var e = Event(url);
        using (var store = DuckDbStore.Open(_dir.Path)) StoreEvents.Write(store, e);
        using (var connection = StoreEvents.Connect(_dir))
        {
            // As stores were written before: every part as it is.
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE events_wide SET url_domain_unicode = $u, url_path = $p, url_query = $q";
            update.Parameters.Add(new DuckDBParameter("u", (object?)url.DomainUnicode ?? DBNull.Value));
            update.Parameters.Add(new DuckDBParameter("p", (object?)url.Path ?? DBNull.Value));
            update.Parameters.Add(new DuckDBParameter("q", (object?)url.Query ?? DBNull.Value));
            update.ExecuteNonQuery();
        }

        using var reopened = DuckDbStore.Open(_dir.Path);
        var read = Assert.Single(StoreEvents.All(reopened));
        Assert.Equal(url, read.Url);
        Assert.Empty(EcsTestEvents.Differences(e, read));
    }

    private static NetEvent Event(UrlParts url)
    {
        var line = Interlocked.Increment(ref _nextLine);
        return TestEvents.Full(line) with { Url = url };
    }

    private (string? Unicode, string? Path, string? Query) StoredColumns()
    {
        using var connection = StoreEvents.Connect(_dir);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT url_domain_unicode, url_path, url_query FROM events";
        using var r = command.ExecuteReader();
        Assert.True(r.Read());
        return (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
    }

    public void Dispose()
    {
        _store?.Dispose();
        _dir.Dispose();
    }
}
