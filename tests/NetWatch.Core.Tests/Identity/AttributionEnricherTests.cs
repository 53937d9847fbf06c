using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Findings;
using NodaTime;

namespace NetWatch.Core.Tests.Identity;

/// <summary>The rule order: valid proxy login → logon / RADIUS in force → DHCP-leased device owner → static device owner → nobody.</summary>
public sealed class AttributionEnricherTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 11, 22, 10, 0);

    private static UInt128 Ip(string text) => IpKey.TryParse(text, out var k) ? k : throw new ArgumentException(text);

    private static readonly PeopleDirectory People = DirectoryCsvParser.Parse("d",
    [
        "username,aliases,role,group,display_name",
        "j.smith,SCHOOL\\j.smith,staff,English,John Smith",
        "a.patel,,staff,Science,",
        "s.nowak,,pupil,Year 10,",
        "p.jones,,pupil,Year 10,",
    ]).Value;

    private static readonly DeviceRegistry Devices = DeviceRegistryCsvParser.Parse("r",
    [
        "ip,mac,name,owner,kind",
        "10.0.0.26,,snowak-laptop,s.nowak,assigned",
        "10.0.0.50,,classroom-pc,,shared",
        "10.0.0.99,,guest-phone,,guest",
        ",00:11:22:33:44:55,pjones-cb,p.jones,assigned",
    ]).Value;

    private static AttributionEnricher Enricher(params IpEvidence[] evidence) =>
        new(AttributionIndex.Build(People, Devices, evidence));

    private static IpEvidence Logon(string ip, string user, Instant at) =>
        new() { At = at, Kind = EvidenceKind.Start, Source = AttributionSources.Logon, Ip = Ip(ip), UserName = user, Origin = "t" };

    private static NetEvent Request(string ip, string? user, int status = 200, Instant? at = null) => new()
    {
        Id = new EventId(1),
        Origin = new EventOrigin("t", 1),
        Timestamp = at ?? T,
        Action = status == 407 ? EventActions.AuthRequired : EventActions.Allowed,
        Dataset = "squid.access",
        ObserverProduct = "squid",
        SourceIp = ip,
        SourceUserName = user,
        UserName = user,
        StatusCode = status,
        Url = UrlParts.Empty,
    };

    [Fact]
    public void A_valid_login_wins_over_the_device_owner()
    {
        var e = Enricher().Enrich(Request("10.0.0.26", "J.SMITH"));
        Assert.Equal("j.smith", e.UserName);
        Assert.Equal(AttributionSources.ProxyAuth, e.Attribution!.Source);
        Assert.Equal(Confidence.ProxyAuth, e.Attribution.Confidence);
        Assert.Equal("John Smith", e.Attribution.FullName);
        Assert.Equal("snowak-laptop", e.Attribution.DeviceName);
        Assert.False(e.Attribution.UnknownUser);
    }

    [Fact]
    public void An_unknown_login_stays_on_the_event_flagged()
    {
        var e = Enricher().Enrich(Request("10.0.0.50", "Visiting.Teacher"));
        Assert.Equal("visiting.teacher", e.UserName);
        Assert.True(e.Attribution!.UnknownUser);
        Assert.Equal(Confidence.ProxyAuthUnknownUser, e.Attribution.Confidence);
        Assert.Empty(e.Attribution.Roles);
    }

    [Fact]
    public void The_logon_in_force_names_the_person_at_a_shared_pc()
    {
        var enricher = Enricher(Logon("10.0.0.50", "P.Jones", T - Duration.FromMinutes(5)));
        var e = enricher.Enrich(Request("10.0.0.50", null));
        Assert.Equal("p.jones", e.UserName);
        Assert.Equal(AttributionSources.Logon, e.Attribution!.Source);
        Assert.Equal("Year 10", e.Attribution.GroupName);
        Assert.Null(enricher.Enrich(Request("10.0.0.50", null, at: T - Duration.FromMinutes(6))).UserName);
    }

    [Fact]
    public void The_request_belongs_to_whoever_started_it()
    {
        var enricher = Enricher(Logon("10.0.0.50", "p.jones", T - Duration.FromMinutes(5)), Logon("10.0.0.50", "s.nowak", T));
        var slow = Request("10.0.0.50", null, at: T + Duration.FromSeconds(30)) with { Start = T - Duration.FromSeconds(1) };
        Assert.Equal("p.jones", enricher.Enrich(slow).UserName);
    }

    [Fact]
    public void A_dhcp_lease_names_the_owner_of_the_leased_hardware()
    {
        var enricher = Enricher(new IpEvidence
        {
            At = T - Duration.FromHours(1), Expires = T + Duration.FromHours(1), Kind = EvidenceKind.Start,
            Source = AttributionSources.Dhcp, Ip = Ip("10.0.0.77"), Mac = 0x001122334455, Origin = "t",
        });
        var e = enricher.Enrich(Request("10.0.0.77", "-"));
        Assert.Equal("p.jones", e.UserName);
        Assert.Equal(AttributionSources.Dhcp, e.Attribution!.Source);
        Assert.Equal("pjones-cb", e.Attribution.DeviceName);
        Assert.Null(enricher.Enrich(Request("10.0.0.77", null, at: T + Duration.FromHours(2))).UserName); // lease expired
    }

    [Fact]
    public void Guests_and_unknown_addresses_are_unattributed()
    {
        var enricher = Enricher();
        Assert.Equal(AttributionSources.None, enricher.Enrich(Request("10.0.0.99", null)).Attribution!.Source);
        Assert.Null(enricher.Enrich(Request("10.9.9.9", null)).UserName);
        Assert.Null(enricher.Enrich(Request("not-an-ip", null)).UserName);
        // e2guardian writes the client IP as the user when there is no login
        var e2g = enricher.Enrich(Request("10.0.0.26", "10.0.0.26"));
        Assert.Equal("s.nowak", e2g.UserName);
        Assert.Equal(AttributionSources.Device, e2g.Attribution!.Source);
        Assert.False(e2g.Attribution.UnknownUser);
    }

    [Property(MaxTest = 300)]
    public Property A_failed_login_never_names_the_tried_user() => Prop.ForAll(
        Gen.Elements("j.smith", "SCHOOL\\j.smith", "a.patel", "nosuchuser", "p.jones", "s.nowak").ToArbitrary(),
        Gen.Elements("10.0.0.26", "10.0.0.50", "10.0.0.99", "10.1.1.1").ToArbitrary(),
        Gen.Elements(true, false).ToArbitrary(),
        (tried, ip, loggedOn) =>
        {
            var enricher = loggedOn ? Enricher(Logon("10.0.0.50", "s.nowak", T - Duration.FromHours(1))) : Enricher();
            var failed = enricher.Enrich(Request(ip, tried, status: 407));
            var nobody = enricher.Enrich(Request(ip, null, status: 407));
            return failed.UserName == nobody.UserName
                && failed.Attribution!.Source != AttributionSources.ProxyAuth
                && failed.SourceUserName == tried;
        });

    [Fact]
    public void A_teachers_login_on_a_pupils_laptop_while_the_pupil_is_logged_on()
    {
        var index = AttributionIndex.Build(People, Devices, [Logon("10.0.0.26", "s.nowak", T - Duration.FromHours(1))]);
        var findings = new FindingCollector(index);
        var enricher = new AttributionEnricher(index, findings);
        var e = enricher.Enrich(Request("10.0.0.26", "a.patel") with { ResponseBytes = 1000 });
        enricher.Enrich(Request("10.0.0.26", "a.patel", at: T + Duration.FromMinutes(3)) with { ResponseBytes = 500 });
        enricher.Enrich(Request("10.0.0.26", "s.nowak"));

        Assert.Equal("s.nowak", e.UserName);
        Assert.Equal("a.patel", e.SourceUserName);
        Assert.Equal(Confidence.LogonOverProxy, e.Attribution!.Confidence);
        var f = Assert.Single(findings.Complete());
        Assert.Equal((FindingKinds.SharedPassword, "a.patel", "s.nowak", 2L, 1500L), (f.Kind, f.CredentialUser, f.RelatedUser, f.EventCount, f.Bytes));
        Assert.Equal(T + Duration.FromMinutes(3), f.End);
    }

    [Fact]
    public void Concurrent_logons_and_unregistered_hardware()
    {
        var wired = new AttributionOptions { WiredNetworks = [IpNetwork.TryParse("10.0.0.0/24", out var n) ? n : default] };
        var index = AttributionIndex.Build(People, Devices,
        [
            Logon("10.0.0.26", "j.smith", T),
            Logon("10.0.0.50", "SCHOOL\\j.smith", T + Duration.FromMinutes(10)),
            Logon("10.0.0.50", "p.jones", T + Duration.FromMinutes(20)), // ends j.smith's logon there
            new() { At = T, Kind = EvidenceKind.Start, Source = AttributionSources.Dhcp, Ip = Ip("10.0.0.80"), Mac = 0xAABBCCDDEEFF, Expires = T + Duration.FromHours(1), Origin = "wired" },
            new() { At = T, Kind = EvidenceKind.Start, Source = AttributionSources.Dhcp, Ip = Ip("10.5.0.80"), Mac = 0xAABBCCDDEE00, Expires = T + Duration.FromHours(1), Origin = "wifi" },
            new() { At = T, Kind = EvidenceKind.Start, Source = AttributionSources.Dhcp, Ip = Ip("10.0.0.81"), Mac = 0x001122334455, Expires = T + Duration.FromHours(1), Origin = "known" },
        ], wired);
        var findings = new FindingCollector(index).Complete();
        var concurrent = Assert.Single(findings, f => f.Kind == FindingKinds.ConcurrentLogon);
        Assert.Equal("j.smith", concurrent.RelatedUser);
        Assert.Equal(T + Duration.FromMinutes(10), concurrent.Start);
        Assert.Equal(T + Duration.FromMinutes(20), concurrent.End);
        Assert.Equal("snowak-laptop, classroom-pc", concurrent.RelatedDevice);
        var hw = Assert.Single(findings, f => f.Kind == FindingKinds.UnregisteredHardware);
        Assert.Equal("aa:bb:cc:dd:ee:ff", hw.RelatedMac);
    }
}

public sealed class AttributionTimeResolutionTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 11, 22, 10, 0);

    [Fact]
    public void A_whole_second_time_that_spans_a_change_of_logon_neither_guesses_nor_overrides_a_login()
    {
        var people = DirectoryCsvParser.Parse("d", ["username,role", "p.jones,pupil", "y8.wilson,pupil"]).Value;
        var devices = DeviceRegistryCsvParser.Parse("r", ["ip,name,kind", "10.0.0.50,pc,shared"]).Value;
        IpEvidence Logon(string user, Instant at) => new()
            { At = at, Kind = EvidenceKind.Start, Source = AttributionSources.Logon, Ip = IpKey.FromIPv4(0x0A000032), UserName = user, Origin = "t" };
        var index = AttributionIndex.Build(people, devices, [Logon("p.jones", T - Duration.FromMinutes(1)), Logon("y8.wilson", T + Duration.FromMilliseconds(400))]);
        var findings = new FindingCollector(index);
        var enricher = new AttributionEnricher(index, findings);
        NetEvent At(Instant t, string? user) => new()
        {
            Id = new EventId(2), Origin = new EventOrigin("combined", 1), Timestamp = t, Action = EventActions.Allowed,
            Dataset = "squid.access", ObserverProduct = "squid", SourceIp = "10.0.0.50", SourceUserName = user, Url = UrlParts.Empty,
        };

        var anonymous = enricher.Enrich(At(T, null));                 // 10:00:00, to the second: p.jones or y8.wilson
        Assert.Null(anonymous.UserName);
        Assert.Equal(AttributionSources.None, anonymous.Attribution!.Source);
        var login = enricher.Enrich(At(T, "y8.wilson"));             // the login is trusted, not overridden by p.jones
        Assert.Equal(("y8.wilson", AttributionSources.ProxyAuth), (login.UserName, login.Attribution!.Source));
        Assert.DoesNotContain(findings.Complete(), f => f.Kind == FindingKinds.SharedPassword);
        Assert.Equal("y8.wilson", enricher.Enrich(At(T + Duration.FromSeconds(1), null)).UserName);
        Assert.Equal("p.jones", enricher.Enrich(At(T + Duration.FromMilliseconds(300), null)).UserName); // millisecond time: exact
    }
}
