using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Feeds;
using NetWatch.Core.Identity.Findings;

namespace NetWatch.Core.Tests.Identity;

/// <summary>
/// On the real corpus: every event is attributed to the person the ground truth names, using the sample
/// directory, device registry and lease feeds plus logon events for the shared PC written as a fixture.
/// </summary>
public sealed class CorpusAttributionTests
{
    private static readonly string[] SampleFeeds = ["dhcpd.leases", "dhcpd-syslog.log", "DhcpSrvLog-Sun.log", "radacct-detail-20261122"];

    internal static (AttributionEnricher Enricher, FindingCollector Findings) Build(string logonFile, bool withDhcpFeeds = true)
    {
        var directory = DirectoryCsvParser.Parse("directory.csv", File.ReadAllLines(Path.Combine(TestPaths.Samples, "directory.csv")));
        var devices = DeviceRegistryCsvParser.Parse("devices.csv", File.ReadAllLines(Path.Combine(TestPaths.Samples, "devices.csv")));
        Assert.Empty(directory.Errors);
        Assert.Empty(devices.Errors);
        var options = new FeedOptions { SyslogYear = 2026 };
        var files = (withDhcpFeeds ? SampleFeeds.Select(f => Path.Combine(TestPaths.Samples, f)) : []).Append(logonFile);
        var evidence = new List<IpEvidence>();
        foreach (var file in files)
        {
            var read = LeaseFeedReader.Read(Path.GetFileName(file), File.ReadAllLines(file), options);
            Assert.Empty(read.Errors);
            evidence.AddRange(read.Value);
        }
        var index = AttributionIndex.Build(directory.Value, devices.Value, evidence);
        Assert.Empty(index.Warnings);
        var findings = new FindingCollector(index);
        return (new AttributionEnricher(index, findings), findings);
    }

    public static TheoryData<string, bool> Setups() => new()
    {
        { "fixture:corpus-logons.winlogbeat.ndjson", true },
        { "fixture:corpus-logons.winlogbeat.ndjson", false },
        { "sample:logons-nxlog.json", true },
    };

    private static string LogonPath(string spec) => spec.StartsWith("fixture:")
        ? TestPaths.Fixture(spec["fixture:".Length..])
        : Path.Combine(TestPaths.Samples, spec["sample:".Length..]);

    [Theory]
    [MemberData(nameof(Setups))]
    public void Every_event_is_attributed_to_the_ground_truth_person(string logons, bool withDhcpFeeds)
    {
        var (enricher, _) = Build(LogonPath(logons), withDhcpFeeds);
        var events = CorpusEvents.All();
        Assert.Equal(481 + 5 * 69, events.Count);

        var wrong = events
            .Select(j => (j, got: enricher.Enrich(j.Event)))
            .Where(x => x.got.UserName != NullIfEmpty(x.j.Truth["attributed_user"]))
            .Select(x => $"{x.j.Event.Origin.Source}:{x.j.Event.Origin.LineNumber} {x.j.Event.SourceIp} logged '{x.j.Event.SourceUserName}' " +
                         $"→ '{x.got.UserName}' ({x.got.Attribution!.Source}), truth '{x.j.Truth["attributed_user"]}'")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Failed_logins_are_never_attributed_to_the_tried_name()
    {
        var (enricher, _) = Build(TestPaths.Fixture("corpus-logons.winlogbeat.ndjson"));
        var failed = CorpusEvents.All().Where(j => j.Truth["auth_ok"] == "no").ToList();
        Assert.Equal(5, failed.Count); // squid-native lines 201, 236, 247, 254 and 414
        foreach (var j in failed)
        {
            var e = enricher.Enrich(j.Event);
            Assert.NotNull(j.Event.SourceUserName);
            // The tried name plays no part: the same request with no name at all is attributed the same way.
            var anonymous = enricher.Enrich(j.Event with { SourceUserName = null, UserName = null });
            Assert.Equal(anonymous.UserName, e.UserName);
            Assert.Equal(anonymous.Attribution!.Source, e.Attribution!.Source);
            if (j.Truth["auth_user"] == "j.smith") Assert.Equal("y11.taylor", e.UserName);
            Assert.Equal(j.Event.SourceUserName, e.SourceUserName); // the tried name stays on the event
            Assert.NotEqual(AttributionSources.ProxyAuth, e.Attribution!.Source);
        }
    }

    [Fact]
    public void Sources_roles_and_groups_are_set()
    {
        var (enricher, _) = Build(TestPaths.Fixture("corpus-logons.winlogbeat.ndjson"));
        var byLine = CorpusEvents.All().Where(j => j.Event.Origin.Source == "squid-native.log")
            .ToDictionary(j => j.Event.Origin.LineNumber, j => enricher.Enrich(j.Event));

        Assert.Equal(AttributionSources.ProxyAuth, byLine[2].Attribution!.Source);          // j.smith, authenticated
        Assert.Equal(["staff"], byLine[2].Attribution!.Roles);
        Assert.Equal("English", byLine[2].Attribution!.GroupName);
        Assert.Equal("jsmith-laptop", byLine[2].Attribution!.DeviceName);
        Assert.Equal("j.smith", byLine[148].UserName);                                      // logged as J.Smith → j.smith
        Assert.Equal(AttributionSources.Logon, byLine[57].Attribution!.Source);             // shared PC, no credentials
        Assert.Equal("y7.ahmed", byLine[57].UserName);
        Assert.Equal(AttributionSources.Logon, byLine[202].Attribution!.Source);            // a.patel's password on s.nowak's laptop
        Assert.Equal("a.patel", byLine[202].SourceUserName);
        Assert.Equal(AttributionSources.Dhcp, byLine[236].Attribution!.Source);             // failed j.smith try → the chromebook's owner via its lease
        Assert.Equal("y11.taylor", byLine[236].UserName);
        var guest = byLine.Values.First(e => e.SourceIp == "127.0.10.99");
        Assert.Equal(AttributionSources.None, guest.Attribution!.Source);
        Assert.Equal("guest-phone", guest.Attribution.DeviceName);
        Assert.Equal(0.0, guest.Attribution.Confidence);
        var kiosk = byLine.Values.First(e => e.SourceIp == "127.0.20.40");
        Assert.Null(kiosk.UserName);
        var ipad = byLine.Values.First(e => e.SourceIp == "127.0.20.31");
        Assert.Equal(AttributionSources.Radius, ipad.Attribution!.Source);                  // 802.1X session as y9.khan@school.example
        Assert.Equal("y9.khan", ipad.UserName);
        var evansIpad = byLine.Values.First(e => e.SourceIp == "127.0.20.32");
        Assert.Equal(AttributionSources.Dhcp, evansIpad.Attribution!.Source);               // MAC-auth RADIUS names no one; the lease names the iPad
        Assert.Equal("l.evans", evansIpad.UserName);
    }

    [Fact]
    public void The_pupil_using_a_teachers_password_yields_the_shared_password_finding()
    {
        var (enricher, findings) = Build(TestPaths.Fixture("corpus-logons.winlogbeat.ndjson"));
        foreach (var j in CorpusEvents.All()) enricher.Enrich(j.Event);
        var all = findings.Complete();

        var shared = Assert.Single(all, f => f.Kind == FindingKinds.SharedPassword);
        Assert.Equal("a.patel", shared.CredentialUser);
        Assert.Equal("s.nowak", shared.RelatedUser);
        Assert.Equal("snowak-laptop", shared.RelatedDevice);
        Assert.Equal("127.0.10.26", shared.RelatedIp);
        Assert.Equal(3, shared.EventCount); // squid-native lines 202, 244 and 296
        Assert.Contains("assigned to s.nowak", shared.Description);

        var concurrent = Assert.Single(all, f => f.Kind == FindingKinds.ConcurrentLogon);
        Assert.Equal("m.brown", concurrent.RelatedUser);
        Assert.Equal("mbrown-it, staffroom-pc-1", concurrent.RelatedDevice);

        var hardware = Assert.Single(all, f => f.Kind == FindingKinds.UnregisteredHardware);
        Assert.Equal("00:e0:4c:68:1a:2b", hardware.RelatedMac);
        Assert.Equal("DESKTOP-7Q2K9LM", hardware.RelatedDevice);

        var volume = all.Where(f => f.Kind == FindingKinds.UnattributedVolume).ToDictionary(f => f.RelatedDevice!);
        Assert.Equal(["guest-phone", "library-kiosk"], volume.Keys.Order());
        Assert.Equal(5, volume["guest-phone"].EventCount);
        Assert.Equal(5, volume["library-kiosk"].EventCount);
        var guestBytes = CorpusEvents.All().Where(j => j.Event.SourceIp == "127.0.10.99").Sum(j => j.Event.ResponseBytes ?? 0);
        Assert.Equal(guestBytes, volume["guest-phone"].Bytes);

        var asEvent = FindingEvents.ToEvent(shared);
        Assert.Equal("netwatch.finding", asEvent.Dataset);
        Assert.Equal(FindingKinds.SharedPassword, asEvent.Action);
        Assert.Equal("s.nowak", asEvent.UserName);
        Assert.Equal(asEvent.Id, FindingEvents.ToEvent(shared).Id);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

/// <summary>The same check with the product's own parsers (squid-native and every e2guardian format).</summary>
public sealed class CorpusAttributionWithParsersTests
{
    [Theory]
    [InlineData("squid-native.log", "squid-native")]
    [InlineData("squid-combined.log", "squid-combined")]
    [InlineData("squid-custom.log", "squid-custom")]
    [InlineData("e2guardian-fmt1-dansguardian.log", "e2guardian-1")]
    [InlineData("e2guardian-fmt2-csv.log", "e2guardian-2")]
    [InlineData("e2guardian-fmt3-squid.log", "e2guardian-3")]
    [InlineData("e2guardian-fmt4-tab.log", "e2guardian-4")]
    [InlineData("e2guardian-fmt6-protex.log", "e2guardian-6")]
    public void Parsed_events_are_attributed_to_the_ground_truth_person(string file, string format)
    {
        var (enricher, _) = CorpusAttributionTests.Build(TestPaths.Fixture("corpus-logons.winlogbeat.ndjson"));
        var parser = NetWatch.Core.Parsing.LogFormats.CreateParser(format);
        var truth = CorpusEvents.GroundTruth();
        var isSquid = file.StartsWith("squid");
        var byLine = isSquid
            ? truth.Where(r => r["squid_line"].Length > 0).ToDictionary(r => long.Parse(r["squid_line"]))
            : truth.Where(r => r["e2g_log"] == file).ToDictionary(r => long.Parse(r["e2g_line"]));
        var lines = File.ReadAllLines(Path.Combine(TestPaths.Corpus, file));
        var checkedCount = 0;
        var wrong = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var parsed = parser.Parse(lines[i], new EventOrigin(file, i + 1));
            if (!parsed.IsSuccess) continue; // the two no-request Squid lines carry no client
            var e = enricher.Enrich(parsed.Event!);
            var expected = byLine[i + 1]["attributed_user"];
            // The combined log times requests to the second only. Lines 57 and 134 are requests without
            // credentials on the shared PC in a second during which its user changed: left unattributed, not guessed.
            if (format == "squid-combined" && i + 1 is 57 or 134) expected = "";
            if (e.UserName != (expected.Length == 0 ? null : expected))
                wrong.Add($"{file}:{i + 1} {e.SourceIp} '{e.SourceUserName}' → '{e.UserName}' ({e.Attribution!.Source}), truth '{expected}'");
            checkedCount++;
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(checkedCount >= lines.Length - 2, $"only {checkedCount} of {lines.Length} lines parsed");
    }
}
