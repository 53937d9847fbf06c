using System.IO.Compression;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;
using NetWatch.Pipeline.Reference;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Reference;

public class CategoryListLoaderTests
{
    private static void Write(TempDirectory dir, string relative, string text)
    {
        var path = dir.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (relative.EndsWith(".gz"))
        {
            using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            gz.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        else File.WriteAllText(path, text);
    }

    private static IReadOnlyList<string> Categorize(UrlCategorizer c, string url) => c.Categorize(UrlNormalizer.Parse(url));

    [Fact]
    public void Reads_plain_gzip_and_split_files_urls_and_expressions()
    {
        using var dir = new TempDirectory();
        Write(dir, "gambling/domains.gz", "bet365.com\nwilliamhill.com\n");
        Write(dir, "adult/domains.0", "one.example\n");
        Write(dir, "adult/domains.1.gz", "two.example");
        Write(dir, "games/urls", "coolmathgames.com/games\n");
        Write(dir, "malware/expressions", "^http://[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+/search\\?q=[0-9]+$\n");
        Write(dir, "games/usage", "black\n");
        Write(dir, "README.md", "not a category\n");
        var c = CategoryListLoader.Load([dir.Path]);
        Assert.Equal(["gambling"], Categorize(c, "http://www.bet365.com/"));
        Assert.Equal(["adult"], Categorize(c, "http://two.example/"));
        Assert.Equal(["adult"], Categorize(c, "http://x.one.example/"));
        Assert.Equal(["games"], Categorize(c, "http://www.coolmathgames.com/games/run-3"));
        Assert.Equal(["malware"], Categorize(c, "http://1.2.3.4/search?q=77"));
        Assert.Equal(["adult", "gambling", "games", "malware"], c.ListSets[0].Categories);
    }

    [Fact]
    public void A_large_file_is_streamed_across_chunks_without_losing_lines()
    {
        using var dir = new TempDirectory();
        var names = Enumerable.Range(0, 120_000).Select(i => $"site{i}.example").ToList();
        Write(dir, "big/domains", string.Join('\n', names) + "\n");
        var set = CategoryListLoader.LoadListSet(dir.Path);
        Assert.Equal(names.Count, set.DomainEntryCount);
        Assert.All(new[] { 0, 54321, 119_999 }, i => Assert.Equal(["big"], set.Match(UrlNormalizer.Parse($"http://{names[i]}/"))));
    }

    [Fact]
    public void A_bad_line_names_the_file_and_line()
    {
        using var dir = new TempDirectory();
        Write(dir, "gambling/domains", "bet365.com\n\nbad entry.com\n");
        var e = Assert.Throws<ReferenceDataException>(() => CategoryListLoader.Load([dir.Path]));
        Assert.EndsWith(Path.Combine("gambling", "domains"), e.SourceName);
        Assert.Equal(3L, e.Line);
    }

    [Fact]
    public void A_missing_or_empty_directory_is_a_clear_error()
    {
        Assert.Throws<DirectoryNotFoundException>(() => CategoryListLoader.Load(["/nonexistent/lists"]));
        using var dir = new TempDirectory();
        var e = Assert.Throws<ReferenceDataException>(() => CategoryListLoader.Load([dir.Path]));
        Assert.Contains("no category folders", e.Message);
    }

    [Fact]
    public void Shipped_ut1_and_school_lists_load_with_overrides()
    {
        var c = CategoryListLoader.Load([RepoFiles.Path("data", "ut1"), RepoFiles.Path("data", "lists", "school-example")]);
        Assert.Equal(21, c.ListSets[0].Categories.Count);
        Assert.True(c.ListSets[0].DomainEntryCount > 450_000);
        Assert.Equal(["gambling", "games", "malware", "phishing"], Categorize(c, "http://www.bet365.com/"));
        Assert.Empty(Categorize(c, "https://ttrockstars.com/"));          // UT1 games, allowed by the school
        Assert.Equal(["webmail"], Categorize(c, "https://office365.com/")); // UT1 webmail, not overridden
        Assert.Equal(["audio-video"], Categorize(c, "http://www.youtube.com/shorts/x"));
    }
}
