using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Findings;
using NodaTime;

namespace NetWatch.Core.Tests.Identity;

/// <summary>
/// The enricher precomputes, per address, situations and their usual outcomes, and in batches reads them through
/// cursors. For generated worlds (logons, RADIUS sessions, leases with expiry, static and leased devices of every
/// kind, people and unknown names) and generated events (valid, failed, qualified, unknown and IP "logins", whole-second
/// times), it must name exactly what the plain rule names, looked up directly in the interval maps; and the batch
/// path, over any split into batches and in any order, must give what one event at a time gives, findings included.
/// </summary>
public sealed class AttributionEquivalenceProperties
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 0);

    private static readonly PeopleDirectory People = DirectoryCsvParser.Parse("d",
    [
        "username,aliases,role,group,display_name",
        "j.smith,SCHOOL\\j.smith;j.smith@school.example,staff,English,John Smith",
        "a.patel,,staff,Science,",
        "s.nowak,,pupil,Year 10,",
        "p.jones,,pupil,Year 9,",
    ]).Value;

    private static readonly DeviceRegistry Devices = DeviceRegistryCsvParser.Parse("r",
    [
        "ip,mac,name,owner,kind",
        "10.0.0.1,,nowak-laptop,s.nowak,assigned",
        "10.0.0.2,,class-pc,,shared",
        ",00:00:00:00:00:01,jones-cb,p.jones,assigned",
        ",00:00:00:00:00:02,visitor-phone,,guest",
        ",00:00:00:00:00:03,left-staff-laptop,gone.person,assigned",
        "10.0.0.4,,printer,,infrastructure",
    ]).Value;

    private static readonly string[] Users = ["j.smith", "a.patel", "s.nowak", "p.jones", "x.unknown"];
    private static readonly string?[] Logins =
        [null, "-", "", "j.smith", "J.SMITH", "SCHOOL\\\\j.smith", "school\\j.smith", "SCHOOL%5Cj.smith", "j.smith@school.example",
         "a.patel", "s.nowak", "p.jones", "x.unknown", "nobody.known", "10.0.0.3", "fe80::1", " p.jones "];

    private static UInt128 Address(int n) => IpKey.FromIPv4(0x0A000000u + (uint)n);

    private static readonly Gen<IpEvidence> EvidenceGen =
        from kind in Gen.Choose(0, 2)
        from ip in Gen.Choose(1, 4)
        from at in Gen.Choose(0, 240)
        from tenths in Gen.Choose(0, 9)
        from start in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from user in Gen.Elements(Users)
        from mac in Gen.Choose(1, 4)
        from life in Gen.Choose(0, 120)
        let instant = T0 + Duration.FromMilliseconds(at * 1000L + tenths * 100)
        select kind switch
        {
            0 => new IpEvidence { At = instant, Kind = start ? EvidenceKind.Start : EvidenceKind.Stop, Source = AttributionSources.Logon, Ip = Address(ip), UserName = user, Origin = "g" },
            1 => new IpEvidence { At = instant, Kind = start ? EvidenceKind.Start : EvidenceKind.Stop, Source = AttributionSources.Radius, Ip = Address(ip), UserName = user, Mac = (ulong)mac, Origin = "g" },
            _ => new IpEvidence { At = instant, Expires = start ? instant + Duration.FromSeconds(life) : null, Kind = start ? EvidenceKind.Start : EvidenceKind.Stop, Source = AttributionSources.Dhcp, Ip = Address(ip), Mac = (ulong)mac, Origin = "g" },
        };

    private static readonly Gen<NetEvent> EventGen =
        from ip in Gen.Choose(1, 5)
        from at in Gen.Choose(-5, 250)
        from millis in Gen.Elements(0, 0, 250, 999)
        from startKnown in Gen.Elements(true, false)
        from login in Gen.Elements(Logins)
        from status in Gen.Frequency((5, Gen.Constant(200)), (1, Gen.Constant(407)))
        let instant = T0 + Duration.FromMilliseconds(at * 1000L + millis)
        select new NetEvent
        {
            Id = new EventId((UInt128)(ulong)(at * 1000 + millis)),
            Origin = new EventOrigin("g", 1),
            Timestamp = instant,
            Start = startKnown ? instant - Duration.FromMilliseconds(40) : null,
            Action = status == 407 ? EventActions.AuthRequired : EventActions.Allowed,
            StatusCode = status,
            Dataset = "squid.access",
            ObserverProduct = "squid",
            SourceIp = ip == 5 ? "10.0.0.5" : IpKey.Format(Address(ip)),
            SourceUserName = login,
            UserName = login,
            Url = UrlParts.Empty,
            ResponseBytes = 100,
        };

    private static Arbitrary<(IpEvidence[] Evidence, NetEvent[] Events, int[] Cuts)> Worlds =>
        (from evidence in Gen.ArrayOf(EvidenceGen)
         from events in Gen.ArrayOf(EventGen)
         from cuts in Gen.ArrayOf(Gen.Choose(1, 7))
         select (evidence, events, cuts)).ToArbitrary();

    private readonly record struct Named(string? User, string Source, double Confidence, bool UnknownUser, string? Device, string? Group, string Roles);

    private static Named Of(NetEvent e) =>
        new(e.UserName, e.Attribution!.Source, e.Attribution.Confidence, e.Attribution.UnknownUser, e.Attribution.DeviceName,
            e.Attribution.GroupName, string.Join(",", e.Attribution.Roles));

    /// <summary>The rule as the issue states it, with direct look-ups in the interval maps and the registry.</summary>
    private static Named Plain(AttributionIndex index, NetEvent e)
    {
        var at = e.Start ?? e.Timestamp;
        var latest = e.Start is null && at.ToUnixTimeTicks() % NodaConstants.TicksPerSecond == 0 ? at + Duration.FromTicks(NodaConstants.TicksPerSecond - 1) : at;
        Holding? logon = null, lease = null;
        Device? device = null;
        var ambiguous = false;
        if (IpKey.TryParse(e.SourceIp, out var ip))
        {
            if (index.Users.TryFind(ip, at, out var l)) logon = l;
            index.Users.TryFind(ip, latest, out var later);
            if (!ReferenceEquals(later, logon)) (logon, ambiguous) = (null, true);
            if (index.Hardware.TryFind(ip, at, out var h)) lease = h;
            device = (lease?.Payload as DeviceEntry)?.Device ?? index.Devices.ByIp(ip);
        }
        var owner = device is null ? null : index.OwnerOf(device);
        var logonPerson = logon?.Payload as Person;
        var logonName = logonPerson?.UserName ?? logon?.Holder;
        var name = e.SourceUserName;
        var named = name is { Length: > 0 } && name != "-" && !IpKey.TryParse(name, out _);
        var loginPerson = named ? index.Directory.Find(name) : null;
        var unknown = named && loginPerson is null;
        Named Result(string? user, Person? person, string source, double confidence) =>
            new(user, source, confidence, unknown || (user is not null && person is null), device?.Name, person?.Group, string.Join(",", person?.Roles ?? []));

        if (named && !(e.StatusCode == 407 || e.Action == EventActions.AuthRequired))
        {
            var loginName = loginPerson?.UserName ?? name!.Trim().ToLowerInvariant();
            if (logonName is not null && !string.Equals(logonName, loginName, StringComparison.OrdinalIgnoreCase) && logon!.Evidence.Source == AttributionSources.Logon)
                return Result(logonName, logonPerson, AttributionSources.Logon, Confidence.LogonOverProxy);
            return Result(loginName, loginPerson, AttributionSources.ProxyAuth, loginPerson is null ? Confidence.ProxyAuthUnknownUser : Confidence.ProxyAuth);
        }
        if (ambiguous) return Result(null, null, AttributionSources.None, Confidence.None);
        if (logonName is not null)
            return logon!.Evidence.Source == AttributionSources.Logon
                ? Result(logonName, logonPerson, AttributionSources.Logon, Confidence.Logon)
                : Result(logonName, logonPerson, AttributionSources.Radius, Confidence.Radius);
        if (device is { Kind: DeviceKind.Assigned, Owner: { } ownerName })
            return lease?.Payload is DeviceEntry
                ? Result(owner?.UserName ?? ownerName.ToLowerInvariant(), owner, AttributionSources.Dhcp, Confidence.Dhcp)
                : Result(owner?.UserName ?? ownerName.ToLowerInvariant(), owner, AttributionSources.Device, Confidence.Device);
        return Result(null, null, AttributionSources.None, Confidence.None);
    }

    [Property(MaxTest = 400)]
    public Property Every_event_is_named_as_the_plain_rule_names_it() => Prop.ForAll(Worlds, world =>
    {
        var index = AttributionIndex.Build(People, Devices, world.Evidence);
        var enricher = new AttributionEnricher(index);
        return world.Events.All(e => Of(enricher.Enrich(e)) == Plain(index, e));
    });

    [Property(MaxTest = 400)]
    public Property Batches_in_any_split_and_order_give_what_one_event_at_a_time_gives() => Prop.ForAll(Worlds, world =>
    {
        var index = AttributionIndex.Build(People, Devices, world.Evidence);
        var (singleFindings, batchedFindings) = (new FindingCollector(index), new FindingCollector(index));
        var single = new AttributionEnricher(index, singleFindings);
        var batched = new AttributionEnricher(index, batchedFindings);
        // Twice through, so that the cursors left by the first pass meet the same addresses again, out of time order.
        var events = world.Events.Concat(world.Events.Reverse()).ToArray();
        var expected = events.Select(single.Enrich).Select(Of).ToList();
        var actual = events.ToArray();
        var cut = 0;
        for (var start = 0; start < actual.Length; cut++)
        {
            var length = Math.Min(actual.Length - start, world.Cuts.Length == 0 ? actual.Length : world.Cuts[cut % world.Cuts.Length]);
            batched.EnrichBatch(actual.AsSpan(start, length));
            start += length;
        }
        return actual.Select(Of).SequenceEqual(expected)
            && Events(singleFindings).SequenceEqual(Events(batchedFindings));

        static IEnumerable<(EventId, long)> Events(FindingCollector findings) =>
            findings.Complete().Select(FindingEvents.ToEvent).Select(f => (f.Id, f.Finding!.EventCount));
    });

    [Property(MaxTest = 300)]
    public Property In_place_gives_what_the_batch_copies_give_on_the_same_objects() => Prop.ForAll(Worlds, world =>
    {
        var index = AttributionIndex.Build(People, Devices, world.Evidence);
        var (copyFindings, inPlaceFindings) = (new FindingCollector(index), new FindingCollector(index));
        // Each event its own object (in place writes on it), twice through as above.
        var events = world.Events.Concat(world.Events.Reverse()).Select(e => e with { }).ToArray();
        var copies = events.Select(e => e with { }).ToArray();
        new AttributionEnricher(index, copyFindings).EnrichBatch(copies);
        var inPlace = events.ToArray();
        new AttributionEnricher(index, inPlaceFindings).EnrichInPlace(inPlace);
        return inPlace.Select((e, i) => ReferenceEquals(e, events[i])).All(same => same)
            && inPlace.Select(Of).SequenceEqual(copies.Select(Of))
            && inPlace.Zip(copies).All(p => p.First == p.Second)
            && Events(copyFindings).SequenceEqual(Events(inPlaceFindings));

        static IEnumerable<(EventId, long)> Events(FindingCollector findings) =>
            findings.Complete().Select(FindingEvents.ToEvent).Select(f => (f.Id, f.Finding!.EventCount));
    });

    [Fact]
    public void An_ambiguous_seconds_outcome_is_not_repeated_for_the_next_login_in_that_stretch()
    {
        // x.unknown (no one the directory knows, so nobody's login is expected there) is logged on at the shared PC
        // until 10.5 s, s.nowak from then: a whole-second request at 10 s may be either's, so j.smith's login there
        // names j.smith. The next request by that login, at 5.25 s (its start known), is during x.unknown's logon:
        // x.unknown is at the keyboard, and j.smith's password is in use.
        var pc = IpKey.FromIPv4(0x0A000002u);
        var index = AttributionIndex.Build(People, Devices,
        [
            new IpEvidence { At = T0, Kind = EvidenceKind.Start, Source = AttributionSources.Logon, Ip = pc, UserName = "x.unknown", Origin = "t" },
            new IpEvidence { At = T0 + Duration.FromMilliseconds(10_500), Kind = EvidenceKind.Start, Source = AttributionSources.Logon, Ip = pc, UserName = "s.nowak", Origin = "t" },
        ]);
        NetEvent Request(Instant at, bool startKnown) => new()
        {
            Id = new EventId(1), Origin = new EventOrigin("t", 1), Timestamp = at, Start = startKnown ? at : null,
            Action = EventActions.Allowed, StatusCode = 200, Dataset = "squid.access", ObserverProduct = "squid",
            SourceIp = "10.0.0.2", SourceUserName = "j.smith", UserName = "j.smith", Url = UrlParts.Empty,
        };
        NetEvent[] batch = [Request(T0 + Duration.FromSeconds(10), startKnown: false), Request(T0 + Duration.FromMilliseconds(5_250), startKnown: true)];
        var findings = new FindingCollector(index);

        new AttributionEnricher(index, findings).EnrichBatch(batch);

        Assert.Equal(("j.smith", AttributionSources.ProxyAuth), (batch[0].UserName, batch[0].Attribution!.Source));
        Assert.Equal(("x.unknown", AttributionSources.Logon), (batch[1].UserName, batch[1].Attribution!.Source));
        Assert.Single(findings.Complete(), f => f.Kind == FindingKinds.SharedPassword);
    }

    [Fact]
    public void A_finding_event_passes_both_paths_untouched()
    {
        var index = AttributionIndex.Build(People, Devices, []);
        var enricher = new AttributionEnricher(index);
        var finding = new NetEvent
        {
            Id = new EventId(7), Origin = new EventOrigin("f", 0), Timestamp = T0, Dataset = FindingEvents.Dataset,
            ObserverProduct = FindingEvents.Product, Action = "shared-password", SourceIp = "10.0.0.1", Url = UrlParts.Empty,
        };
        NetEvent[] batch = [finding];
        enricher.EnrichBatch(batch);
        Assert.Same(finding, enricher.Enrich(finding));
        Assert.Same(finding, batch[0]);
        var copy = finding with { };
        enricher.EnrichInPlace([copy]);
        Assert.Equal(finding, copy);
        Assert.Null(copy.Attribution);
    }
}
