using System.Text.Json;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>The firewall, DNS and W3C sample logs import with their format detected.</summary>
public sealed class ImportFormatsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Store => _dir.File("store");

    [Fact]
    public void Each_sample_is_detected_and_its_events_stored()
    {
        string[] files = ["fortigate.log", "pfsense-filterlog.log", "dnsmasq.log", "bind-query.log", "w3c-iis.log", "w3c-tmg.log"];
        var import = Netwatch.Run(["import", "--store", Store, .. files.Select(f => RepoFiles.Path("samples", "formats", f))]);
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Contains("fortigate.log: format fortigate, 9 lines read, 8 events stored", import.Stdout);
        Assert.Contains("pfsense-filterlog.log: format pfsense-filterlog, 9 lines read, 8 events stored", import.Stdout);
        Assert.Contains("dnsmasq.log: format dnsmasq, 12 lines read, 6 events stored", import.Stdout);
        Assert.Contains("bind-query.log: format bind-query, 8 lines read, 7 events stored", import.Stdout);
        Assert.Contains("w3c-iis.log: format w3c, 16 lines read, 7 events stored", import.Stdout);
        Assert.Contains("w3c-tmg.log: format w3c, 7 lines read, 2 events stored", import.Stdout);

        // The samples hold only what the devices write: no line of theirs is a dead letter.
        var deadLetters = Netwatch.Run("dead-letters", "--store", Store);
        Assert.Equal("", deadLetters.Stdout);
        Assert.Contains("0 dead letters", deadLetters.Stderr);

        var export = Netwatch.Run("export", "--store", Store);
        Assert.Equal(0, export.ExitCode);
        var docs = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(38, docs.Count);
        var lookups = docs.Where(d => d.GetProperty("event").GetProperty("action").GetString() == "dns-query").ToList();
        Assert.Equal(6 + 7 + 1, lookups.Count);
        Assert.Contains(lookups, d => d.GetProperty("url").GetProperty("domain").GetString() == "www.tiktok.com");
    }

    public void Dispose() => _dir.Dispose();
}
