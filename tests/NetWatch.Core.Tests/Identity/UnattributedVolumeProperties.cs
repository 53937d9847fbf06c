using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Findings;
using NodaTime;

namespace NetWatch.Core.Tests.Identity;

/// <summary>
/// The unattributed-volume counters (one per device, settled when the day changes) against a plain count per device
/// name (else address) and local day, over days that cross the change to summer time, in any order, in any batches,
/// with the timeline (and so the counters' numbering) replaced midway.
/// </summary>
public sealed class UnattributedVolumeProperties
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    // Midnight in London two days before the clocks go forward (2026-03-29, 01:00 UTC).
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 27, 0, 0);

    private static readonly DeviceRegistry Devices = DeviceRegistryCsvParser.Parse("r",
    [
        "ip,mac,name,owner,kind",
        "10.0.0.99,,guest-phone,,guest",
        "10.0.0.98,,guest-tablet,,guest",
        ",00:11:22:33:44:55,library-kiosk,,shared",
    ]).Value;

    // Registered devices (one of them by its lease, at two addresses), hardware the registry does not know, and an
    // address nothing is known of (no counter: counted by its text).
    private static readonly string[] Addresses = ["10.0.0.99", "10.0.0.98", "10.0.0.70", "10.0.0.71", "10.0.0.150", "10.9.9.9"];

    private static IpEvidence Lease(string ip, ulong mac) => new()
    {
        At = Start - Duration.FromDays(1), Expires = Start + Duration.FromDays(10), Kind = EvidenceKind.Start,
        Source = AttributionSources.Dhcp, Ip = IpKey.TryParse(ip, out var key) ? key : default, Mac = mac, Origin = "t",
    };

    private static AttributionIndex Index() => AttributionIndex.Build(PeopleDirectory.Empty, Devices,
        [Lease("10.0.0.70", 0x001122334455), Lease("10.0.0.71", 0x001122334455), Lease("10.0.0.150", 0xAABBCCDDEEFF)]);

    public sealed record Request(int Address, long Minute, long? Bytes, bool SecondTimeline);

    private static readonly Arbitrary<(Request[] Requests, int[] Cuts)> Worlds =
        (from requests in Gen.ArrayOf(
                from address in Gen.Choose(0, Addresses.Length - 1)
                from minute in Gen.Choose(0, 5 * 24 * 60)
                from bytes in Gen.Frequency((1, Gen.Constant<long?>(null)), (4, Gen.Choose(0, 100_000).Select(b => (long?)b)))
                from second in Gen.Elements(false, true)
                select new Request(address, minute, bytes, second))
            // In time order, as a log is, or shuffled.
            from sorted in Gen.Elements(false, true)
            from cuts in Gen.ArrayOf(Gen.Choose(1, 40))
            select (sorted ? requests.OrderBy(r => r.Minute).ToArray() : requests, cuts)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Counters_give_the_plain_count_per_device_and_local_day() => Prop.ForAll(Worlds, world =>
    {
        var (first, second) = (Index(), Index());
        var volume = new UnattributedVolume();
        var requests = world.Requests;
        var cut = 0;
        for (var start = 0; start < requests.Length; cut++)
        {
            // A batch is attributed with one timeline; a reload comes between batches.
            var length = Math.Min(requests.Length - start, world.Cuts.Length == 0 ? requests.Length : world.Cuts[cut % world.Cuts.Length]);
            var index = requests[start].SecondTimeline ? second : first;
            var batch = requests.Skip(start).Take(length).Select(r => Counted(index, r)).ToArray();
            volume.Add(index.Timeline, London, batch);
            start += length;
        }

        var expected = requests.Select(r => Counted(first, r))
            .GroupBy(r => (Device: r.Situation.DeviceName ?? r.SourceIp!, Day: LocalDay(r.At)))
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(r => r.Bytes ?? 0), g.Min(r => r.At), g.Max(r => r.At)));
        var actual = volume.Totals().ToDictionary(t => (t.Key.Device, t.Key.Day), t => (t.Value.Count, t.Value.Bytes, t.Value.First, t.Value.Last));
        return (expected.Count == actual.Count && expected.All(e => actual.TryGetValue(e.Key, out var a) && a == e.Value))
            .Label($"expected {string.Join("; ", expected)} | actual {string.Join("; ", actual)}");
    });

    [Fact]
    public void The_day_the_clocks_go_forward_is_23_hours_long()
    {
        var volume = new UnattributedVolume();
        var index = Index();
        // 2026-03-29 00:30 GMT and 23:30 BST are the same local day; 2026-03-30 00:30 BST (2026-03-29 23:30 UTC) is the next.
        Instant[] at = [Instant.FromUtc(2026, 3, 29, 0, 30), Instant.FromUtc(2026, 3, 29, 22, 30), Instant.FromUtc(2026, 3, 29, 23, 30)];
        volume.Add(index.Timeline, London, at.Select(a => Counted(index, new Request(0, (long)(a - Start).TotalMinutes, 10, false))).ToArray());
        var days = volume.Totals().OrderBy(t => t.Key.Day).Select(t => (new LocalDate(1970, 1, 1).PlusDays((int)t.Key.Day), t.Value.Count)).ToList();
        Assert.Equal([(new LocalDate(2026, 3, 29), 2L), (new LocalDate(2026, 3, 30), 1L)], days);
    }

    private static UnattributedRequest Counted(AttributionIndex index, Request r)
    {
        var ip = Addresses[r.Address];
        var at = Start + Duration.FromMinutes(r.Minute);
        var moment = index.Timeline.At(ip, at.ToUnixTimeTicks(), at.ToUnixTimeTicks(), out _);
        return new UnattributedRequest(moment.Situation, moment.VolumeCounter, ip, at, r.Bytes);
    }

    private static long LocalDay(Instant at) =>
        (long)Math.Floor((at.ToUnixTimeTicks() + London.GetUtcOffset(at).Ticks) / (double)NodaConstants.TicksPerDay);
}
