using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Feeds;
using NodaTime;

namespace NetWatch.Core.Tests.Identity;

/// <summary>Each feed format: detected from its content, read from the samples, and bad lines reported with their line.</summary>
public sealed class LeaseFeedTests
{
    private static readonly FeedOptions Options = new() { SyslogYear = 2026 };

    private static IReadOnlyList<string> Sample(string name) => File.ReadAllLines(Path.Combine(TestPaths.Samples, name));

    private static UInt128 Ip(string text) => IpKey.TryParse(text, out var k) ? k : throw new ArgumentException(text);

    [Theory]
    [InlineData("dhcpd.leases", LeaseFeedFormat.IscDhcpdLeases)]
    [InlineData("dhcpd-syslog.log", LeaseFeedFormat.DhcpdSyslog)]
    [InlineData("DhcpSrvLog-Sun.log", LeaseFeedFormat.WindowsDhcpAudit)]
    [InlineData("radacct-detail-20261122", LeaseFeedFormat.FreeRadiusDetail)]
    [InlineData("logons-nxlog.json", LeaseFeedFormat.WindowsLogonJson)]
    public void Detects_each_sample_format(string file, LeaseFeedFormat format) =>
        Assert.Equal(format, LeaseFeedDetector.Detect(Sample(file)));

    [Fact]
    public void Detects_the_winlogbeat_fixture_and_refuses_unknown_files()
    {
        Assert.Equal(LeaseFeedFormat.WindowsLogonJson, LeaseFeedDetector.Detect(File.ReadAllLines(TestPaths.Fixture("corpus-logons.winlogbeat.ndjson"))));
        var squid = File.ReadAllLines(Path.Combine(TestPaths.Corpus, "squid-native.log"));
        Assert.Equal(LeaseFeedFormat.Unknown, LeaseFeedDetector.Detect(squid));
        var error = Assert.Single(LeaseFeedReader.Read("squid-native.log", squid, Options).Errors);
        Assert.Contains("format not recognised", error.Problem);
        Assert.Equal("squid-native.log", error.Source);
    }

    [Fact]
    public void Isc_leases_journal()
    {
        var read = IscDhcpdLeasesParser.Parse("dhcpd.leases", Sample("dhcpd.leases"));
        Assert.Empty(read.Errors);
        Assert.Equal(12 + 1 + 1, read.Value.Count); // 12 laptops/chromebooks/phones, one restated renewal, one freed lease
        var first = read.Value[0];
        Assert.Equal(Ip("127.0.10.11"), first.Ip);
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 22, 0), first.At);
        Assert.Equal(Instant.FromUtc(2026, 11, 23, 10, 0), first.Expires);
        Assert.Equal("jsmith-laptop", first.HostName);
        Assert.Equal("3c:22:fb:0a:00:0b", MacKey.Format(first.Mac!.Value));
        var freed = read.Value[^1];
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 21, 0), freed.Expires); // tstp: when it was freed
    }

    [Fact]
    public void Isc_leases_epoch_times_and_never_ending_leases()
    {
        var read = IscDhcpdLeasesParser.Parse("l", ["lease 10.0.0.5 {", "  starts epoch 1795386000; # Sun Nov 22 22:20:00 2026", "  ends never;",
            "  hardware ethernet 00:11:22:33:44:55;", "  uid \"\\001\\000\\021\\\"3DU;#\";", "}"]);
        Assert.Empty(read.Errors);
        Assert.Equal(Instant.FromUnixTimeSeconds(1795386000), read.Value[0].At);
        Assert.Null(read.Value[0].Expires);
    }

    [Theory]
    [InlineData(new[] { "lease 10.0.0.300 {", "}" }, 1, "'10.0.0.300' is not an IP address")]
    [InlineData(new[] { "lease 10.0.0.5 {", "  starts 0 2026/13/22 22:00:00;", "}" }, 2, "time '0 2026/13/22 22:00:00'")]
    [InlineData(new[] { "lease 10.0.0.5 {", "  starts 0 2026/11/22 22:00:00", "}" }, 2, "does not end with ';'")]
    [InlineData(new[] { "lease 10.0.0.5 {", "  hardware ethernet 00:11;", "}" }, 2, "hardware address 'ethernet 00:11'")]
    [InlineData(new[] { "lease 10.0.0.5 {", "  hardware ethernet 00:11:22:33:44:55;", "}" }, 1, "no 'starts' time")]
    [InlineData(new[] { "lease 10.0.0.5 {", "  starts 0 2026/11/22 22:00:00;" }, 1, "not closed")]
    [InlineData(new[] { "}" }, 1, "'}' without an open block")]
    public void Isc_leases_errors(string[] lines, long line, string problem)
    {
        var error = Assert.Single(IscDhcpdLeasesParser.Parse("dhcpd.leases", lines).Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Dhcpd_syslog_acks_and_releases()
    {
        var read = DhcpdSyslogParser.Parse("syslog", Sample("dhcpd-syslog.log"), Options);
        Assert.Empty(read.Errors);
        // DHCPACK on x3 + the unregistered laptop's ack and release; DISCOVER/OFFER/REQUEST/INFORM and cron are not leases.
        Assert.Equal(5, read.Value.Count);
        var release = Assert.Single(read.Value, e => e.Kind == EvidenceKind.Stop);
        Assert.Equal("DESKTOP-7Q2K9LM", release.HostName);
        var pc = read.Value[0];
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 22, 1, 2), pc.At);
        Assert.Equal(pc.At + Duration.FromHours(12), pc.Expires);
        Assert.Equal("syslog:5", pc.Origin);
        Assert.Null(read.Value.Single(e => e.Ip == Ip("127.0.10.99")).HostName);
    }

    [Fact]
    public void Dhcpd_syslog_rfc3339_local_time_and_errors()
    {
        var summer = DhcpdSyslogParser.Parse("s", ["Jul  1 08:00:00 dhcp1 dhcpd[1]: DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0"], Options);
        Assert.Equal(Instant.FromUtc(2026, 7, 1, 7, 0), summer.Value[0].At); // BST
        var iso = DhcpdSyslogParser.Parse("s", ["2026-11-22T22:01:02.123456+00:00 dhcp1 dhcpd[1]: DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 (pc) via 10.0.0.1"], Options);
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 22, 1, 2) + Duration.FromTicks(1234560), iso.Value[0].At);
        var noYear = DhcpdSyslogParser.Parse("s", ["Nov 22 22:01:02 dhcp1 dhcpd[1]: DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0"], new FeedOptions());
        Assert.Contains("no year", Assert.Single(noYear.Errors).Problem);
        var badMac = DhcpdSyslogParser.Parse("s", ["x", "Nov 22 22:01:02 dhcp1 dhcpd[1]: DHCPACK on 10.0.0.5 to 00:11:22 via eth0"], Options);
        Assert.Equal(("s", 2L), (badMac.Errors[0].Source, badMac.Errors[0].Line));
        Assert.Contains("'00:11:22' is not a hardware address", badMac.Errors[0].Problem);
    }

    [Fact]
    public void Windows_dhcp_audit_log()
    {
        var read = WindowsDhcpAuditParser.Parse("DhcpSrvLog-Sun.log", Sample("DhcpSrvLog-Sun.log"), Options);
        Assert.Empty(read.Errors);
        Assert.Equal(4, read.Value.Count); // 3 assigns and a renewal; log start and DNS update are not leases
        var ipad = read.Value[0];
        Assert.Equal(Ip("127.0.20.31"), ipad.Ip);
        Assert.Equal("3c:22:fb:14:00:1f", MacKey.Format(ipad.Mac!.Value));
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 22, 5), ipad.At);
        Assert.Equal("y9khan-ipad.school.example", ipad.HostName);

        var bad = WindowsDhcpAuditParser.Parse("w", ["ID,Date,Time,Description,IP Address,Host Name,MAC Address", "10,11/22/26,25:00:00,Assign,10.0.0.5,pc,001122334455",
            "10,11/22/26,22:00:00,Assign,10.0.0.5,pc,", "ten,1,2,3,4,5,6", "12,11/22/26"], Options);
        Assert.Equal([2L, 3L, 4L, 5L], bad.Errors.Select(e => e.Line));
        Assert.Contains("not MM/dd/yy HH:mm:ss", bad.Errors[0].Problem);
        Assert.Contains("not a hardware (MAC) address", bad.Errors[1].Problem);
        Assert.Contains("event id 'ten'", bad.Errors[2].Problem);
        Assert.Contains("2 fields", bad.Errors[3].Problem);
        Assert.Contains("no 'ID,Date,Time,Description", Assert.Single(WindowsDhcpAuditParser.Parse("w", ["hello"], Options).Errors).Problem);
    }

    [Fact]
    public void FreeRadius_detail()
    {
        var read = FreeRadiusDetailParser.Parse("detail", Sample("radacct-detail-20261122"), Options);
        Assert.Empty(read.Errors);
        Assert.Equal(3, read.Value.Count); // two starts and an interim update; Accounting-On is the access point itself
        var khan = read.Value[0];
        Assert.Equal("y9.khan@school.example", khan.UserName);
        Assert.Equal(false, khan.Wired);
        Assert.Equal(Instant.FromUnixTimeSeconds(1795385110), khan.At);
        Assert.Null(read.Value[1].UserName); // MAC authentication: the user name is the MAC
        Assert.NotNull(read.Value[1].Mac);

        var bad = FreeRadiusDetailParser.Parse("d", ["\tUser-Name = x", "Sun Nov 31 22:00:00 2026", "\tAcct-Status-Type = Start", "\tFramed-IP-Address = 10.0.0.5",
            "", "Sun Nov 22 22:00:00 2026", "\tAcct-Status-Type = Stop", "\tFramed-IP-Address = 10.0.0.999", "\tno equals sign"], Options);
        Assert.Equal([1L, 2L, 2L, 9L, 6L], bad.Errors.Select(e => e.Line));
        Assert.Contains("before any record header", bad.Errors[0].Problem);
        Assert.Contains("is not a date", bad.Errors[1].Problem);
        Assert.Contains("no time", bad.Errors[2].Problem);
        Assert.Contains("not 'Attribute = value'", bad.Errors[3].Problem);
        Assert.Contains("'10.0.0.999' is not an IP address", bad.Errors[4].Problem);
    }

    [Fact]
    public void Winlogbeat_and_nxlog_logons_say_the_same()
    {
        var beat = WindowsLogonJsonParser.Parse("w", File.ReadAllLines(TestPaths.Fixture("corpus-logons.winlogbeat.ndjson")), Options);
        var nx = WindowsLogonJsonParser.Parse("n", Sample("logons-nxlog.json"), Options);
        Assert.Empty(beat.Errors);
        Assert.Empty(nx.Errors);
        Assert.Equal(42, beat.Value.Count);
        Assert.Equal(beat.Value.Select(e => (e.At, e.Kind, e.UserName)), nx.Value.Select(e => (e.At, e.Kind, e.UserName)));
        Assert.All(beat.Value, e => Assert.NotNull(e.Ip));            // host.ip
        Assert.All(nx.Value, e => Assert.Null(e.Ip));                 // NXLog: only the computer name
        Assert.Equal("classroom-pc-50.school.example", nx.Value.First(e => e.UserName == "p.jones").HostName);
    }

    [Theory]
    [InlineData("""{"EventTime":"2026-11-22 22:00:00","EventID":4624,"Hostname":"pc","TargetUserName":"x","LogonType":"3"}""", 0)]
    [InlineData("""{"EventTime":"2026-11-22 22:00:00","EventID":4624,"Hostname":"pc","TargetUserName":"PC$","LogonType":"2"}""", 0)]
    [InlineData("""{"EventTime":"2026-11-22 22:00:00","EventID":4624,"Hostname":"pc","TargetUserName":"DWM-3","LogonType":"2"}""", 0)]
    [InlineData("""{"EventTime":"2026-11-22 22:00:00","EventID":4688,"Hostname":"pc","TargetUserName":"x","LogonType":"2"}""", 0)]
    [InlineData("""{"EventTime":"2026-11-22 22:00:00","EventID":4624,"Hostname":"pc","TargetUserName":"x","LogonType":"7"}""", 1)]
    [InlineData("""{"EventTime":"2026-11-22 22:00:00","EventID":4647,"Hostname":"pc","TargetUserName":"x"}""", 1)]
    public void Only_people_at_a_keyboard_count(string json, int expected) =>
        Assert.Equal(expected, WindowsLogonJsonParser.Parse("j", [json], Options).Value.Count);

    [Fact]
    public void Logon_json_errors_and_local_time()
    {
        var read = WindowsLogonJsonParser.Parse("j.json",
        [
            """{"EventTime":"2026-07-01 08:00:00","EventID":4624,"Hostname":"pc","TargetUserName":"x","LogonType":"2"}""",
            """{"EventID":4624""",
            """[1,2]""",
            """{"EventTime":"yesterday","EventID":4624,"Hostname":"pc","TargetUserName":"x","LogonType":"2"}""",
            """{"EventTime":"2026-07-01 08:00:00","EventID":"4624","TargetUserName":"x","LogonType":"2"}""",
        ], Options);
        Assert.Equal(Instant.FromUtc(2026, 7, 1, 7, 0), read.Value.Single().At); // Europe/London summer time
        Assert.Equal([2L, 3L, 4L, 5L], read.Errors.Select(e => e.Line));
        Assert.Contains("not valid JSON", read.Errors[0].Problem);
        Assert.Contains("must be an object", read.Errors[1].Problem);
        Assert.Contains("EventTime 'yesterday'", read.Errors[2].Problem);
        Assert.Contains("neither the computer nor its IP", read.Errors[3].Problem);
    }
}
