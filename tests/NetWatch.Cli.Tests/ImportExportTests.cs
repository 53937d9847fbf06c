using System.Text.Json;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

public sealed class ImportExportTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Store => _dir.File("store");
    private static string Sample(string name) => RepoFiles.Path("samples", "logs", name);

    [Fact]
    public void Import_prints_per_file_counts_and_a_second_import_stores_nothing_new()
    {
        var first = Netwatch.Run("import", "--store", Store, Sample("squid-native.log"), Sample("e2guardian-fmt2-csv.log"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("squid-native.log: format squid-native, 481 lines read", first.Stdout);
        Assert.Contains("e2guardian-fmt2-csv.log: format e2guardian-2, 69 lines read, 69 events stored", first.Stdout);
        Assert.Contains("dead letters no-request: 2", first.Stdout);

        // Under a memory budget (smaller writes, DuckDB's cache bounded) the re-import finds every event stored.
        var second = Netwatch.Run("import", "--store", Store, "--memory", "512MB", Sample("squid-native.log"));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("481 lines read, 0 events stored, 479 already stored, 2 dead-lettered", second.Stdout);
    }

    [Fact]
    public void Export_writes_ecs_documents_sorted_by_timestamp_and_filters_by_user_and_time()
    {
        Assert.Equal(0, Netwatch.Run("import", "--store", Store, Sample("squid-native.log")).ExitCode);

        var all = Netwatch.Run("export", "--store", Store);
        Assert.Equal(0, all.ExitCode);
        var docs = all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(479, docs.Count);
        var stamps = docs.Select(d => d.GetProperty("@timestamp").GetString()!).ToList();
        Assert.Equal(stamps.Order(StringComparer.Ordinal), stamps);
        Assert.Equal("2026-11-22T22:24:47.731Z", stamps[0]);
        Assert.Equal("127.0.10.11", docs[0].GetProperty("source").GetProperty("ip").GetString());

        var smith = Netwatch.Run("export", "--store", Store, "--user", "J.Smith", "--format", "csv");
        var rows = smith.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("@timestamp,event.id,", rows[0]);
        Assert.True(rows.Length > 10);
        Assert.All(rows.Skip(1), r => Assert.Contains(",j.smith,", r));

        var window = Netwatch.Run("export", "--store", Store, "--from", "2026-11-22T22:24:48Z", "--to", "2026-11-22T22:24:49Z");
        var inWindow = window.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("@timestamp").GetString()!).ToList();
        Assert.NotEmpty(inWindow);
        Assert.All(inWindow, t => Assert.StartsWith("2026-11-22T22:24:48", t));
    }

    [Fact]
    public void Dead_letters_lists_the_lines_that_carry_no_request()
    {
        Netwatch.Run("import", "--store", Store, Sample("squid-native.log"));
        var result = Netwatch.Run("dead-letters", "--store", Store);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains("error:transaction-end-before-headers", l));
        Assert.StartsWith(Sample("squid-native.log") + ":259\tno-request", lines[0]);
    }

    [Theory]
    [InlineData("import", "--store")]
    [InlineData("import", "--store", "x", "/no/such/file.log")]
    [InlineData("import", "--store", "x", "--format", "nonsense", "samples")]
    [InlineData("import", "--store", "x", "--memory", "plenty", "samples")]
    [InlineData("export", "--store", "/no/such/store")]
    [InlineData("frobnicate")]
    public void Bad_arguments_exit_with_2_and_say_what_is_wrong(params string[] args)
    {
        var result = Netwatch.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("netwatch: ", result.Stderr);
    }

    [Fact]
    public void Export_with_a_bad_time_names_the_option()
    {
        Netwatch.Run("import", "--store", Store, Sample("squid-native.log"));
        var result = Netwatch.Run("export", "--store", Store, "--from", "yesterday-ish");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--from 'yesterday-ish' is not a time", result.Stderr);
    }

    [Fact]
    public void A_gzip_file_cut_short_is_reported_counted_and_fails_the_import()
    {
        var whole = _dir.File("whole.log.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(whole), System.IO.Compression.CompressionLevel.Optimal))
            gz.Write(File.ReadAllBytes(Sample("squid-native.log")));
        var bytes = File.ReadAllBytes(whole);
        var cut = _dir.File("cut.log.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);

        var import = Netwatch.Run("import", "--store", Store, whole, cut);
        Assert.Equal(1, import.ExitCode);
        Assert.Contains($"{whole}: format squid-native, 481 lines read, 479 events stored", import.Stdout);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(cut)}: format squid-native, (\d+) lines read[^\n]*\n(  [^\n]*\n)*  compressed stream ends early after \1 lines", import.Stdout);
        Assert.Contains("; 1 compressed file cut short", import.Stdout);
        Assert.DoesNotContain($"{whole}: compressed", import.Stdout);
    }

    [Fact]
    public void Export_for_an_unknown_user_or_an_empty_range_says_which_on_stderr()
    {
        Assert.Equal(0, Netwatch.Run("import", "--store", Store, Sample("squid-native.log")).ExitCode);

        var unknown = Netwatch.Run("export", "--store", Store, "--user", "j.smth");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("", unknown.Stdout);
        Assert.Contains("no person named 'j.smth' is known", unknown.Stderr);
        Assert.Contains("closest: j.smith", unknown.Stderr);

        var nobody = Netwatch.Run("export", "--store", Store, "--user", "nobody");
        Assert.Equal(2, nobody.ExitCode);
        Assert.Contains("no person named 'nobody' is known", nobody.Stderr);

        var outOfRange = Netwatch.Run("export", "--store", Store, "--user", "j.smith", "--from", "2026-12-01");
        Assert.True(outOfRange.ExitCode == 0, outOfRange.Stderr);
        Assert.Equal("", outOfRange.Stdout);
        Assert.Contains("j.smith has no events in the range (their 21 events run from 2026-11-22 22:24 to 2026-11-22 22:2", outOfRange.Stderr);

        var found = Netwatch.Run("export", "--store", Store, "--user", "j.smith");
        Assert.Equal(0, found.ExitCode);
        Assert.Equal("", found.Stderr);
    }

    public void Dispose() => _dir.Dispose();
}
