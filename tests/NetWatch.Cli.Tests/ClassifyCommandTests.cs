using System.Text.Json;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

public sealed class ClassifyCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly string Ut1 = RepoFiles.Path("data", "ut1");
    private static readonly string School = RepoFiles.Path("data", "lists", "school-example");

    [Fact]
    public void Classify_prints_each_url_with_its_categories_in_input_order()
    {
        var input = string.Join('\n',
            "http://www.bet365.com/", "www.facebook.com:443", "http://facebook.com.evil.example/", "https://ttrockstars.com/",
            "error:invalid-request", "http://www.youtube.com/shorts/AbC123", "http://WWW.BET365.COM.:8080/") + "\n";
        var r = Netwatch.RunWithInput(input, "classify", "--lists", Ut1, "--lists", School);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(
        [
            "http://www.bet365.com/\tgambling,games,malware,phishing",
            "www.facebook.com:443\tsocial_networks",
            "http://facebook.com.evil.example/\t",
            "https://ttrockstars.com/\t",
            "error:invalid-request\t",
            "http://www.youtube.com/shorts/AbC123\taudio-video",
            "http://WWW.BET365.COM.:8080/\tgambling,games,malware,phishing",
        ], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_missing_or_bad_list_is_exit_code_2_with_the_file_and_line()
    {
        var missing = Netwatch.RunWithInput("", "classify", "--lists", _dir.File("nope"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr);

        Directory.CreateDirectory(_dir.File("bad/gambling"));
        File.WriteAllText(_dir.File("bad/gambling/domains"), "ok.example\nnot a domain\n");
        var bad = Netwatch.RunWithInput("", "classify", "--lists", _dir.File("bad"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("domains:2:", bad.Stderr);

        Assert.Equal(2, Netwatch.RunWithInput("", "classify").ExitCode);
    }

    [Fact]
    public void Import_with_lists_classifies_and_export_shows_the_fields()
    {
        var store = _dir.File("store");
        var import = Netwatch.Run("import", "--store", store, "--lists", Ut1, "--lists", School, RepoFiles.Path("samples", "logs", "squid-native.log"));
        Assert.True(import.ExitCode == 0, import.Stderr);
        var docs = Netwatch.Run("export", "--store", store).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        JsonElement? NetwatchOf(string url) => docs.Where(d => d.GetProperty("url").GetProperty("original").GetString() == url)
            .Select(d => d.GetProperty("netwatch")).FirstOrDefault();

        var bet = NetwatchOf("http://www.bet365.com/")!.Value;
        Assert.Equal(["gambling", "games", "malware", "phishing"], bet.GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        var search = NetwatchOf("http://www.google.co.uk/search?q=howtoselfharm")!.Value;
        Assert.Equal("Google", search.GetProperty("search").GetProperty("engine").GetString());
        Assert.Equal("howtoselfharm", search.GetProperty("search").GetProperty("terms").GetString());
        var s = search.GetProperty("safeguarding");
        Assert.Equal(("self-harm", 5, "how to self harm"), (s.GetProperty("theme").GetString(), s.GetProperty("severity").GetInt32(), s.GetProperty("matched").GetString()));

        var csv = Netwatch.Run("export", "--store", store, "--format", "csv").Stdout;
        Assert.Contains("netwatch.safeguarding.matched", csv.Split('\n')[0]);
        Assert.Contains("gambling|games|malware|phishing", csv);
    }

    public void Dispose() => _dir.Dispose();
}
