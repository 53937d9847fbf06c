using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Identity;
using NodaTime;

namespace NetWatch.Core.Tests.Identity;

/// <summary>
/// The interval map against a brute-force replay: for generated sequences of leases (with expiry),
/// logons (no expiry) and logoffs / releases on a few addresses, the holder found at any instant is the
/// holder the replay of every claim up to that instant gives; and no address ever has two holders at once.
/// </summary>
public sealed class IpIntervalMapProperties
{
    private static readonly string[] Holders = ["p.jones", "y7.ahmed", "Y7.AHMED", "y8.wilson"];
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 22, 8, 0);

    private static readonly Gen<IpClaim> ClaimGen =
        from ip in Gen.Choose(1, 3)
        from at in Gen.Choose(0, 60)
        from start in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from lease in Gen.Choose(-1, 30) // -1: a logon, held until later evidence; 0: a lease that is already over
        from holder in Gen.Elements(Holders)
        select new IpClaim(IpKey.FromIPv4(0x7F000A00u + (uint)ip), T0 + Duration.FromSeconds(at), start,
            start && lease >= 0 ? T0 + Duration.FromSeconds(at + lease) : null, holder, Evidence);

    private static readonly IpEvidence Evidence = new() { At = T0, Kind = EvidenceKind.Start, Source = AttributionSources.Logon, Origin = "generated" };

    private static Arbitrary<IpClaim[]> Claims => Gen.ArrayOf(ClaimGen).ToArbitrary();

    /// <summary>Replays, in time order (input order on ties), every claim at or before t.</summary>
    private static string? BruteForce(IReadOnlyList<IpClaim> claims, UInt128 ip, Instant t)
    {
        string? holder = null;
        Instant? expires = null;
        foreach (var c in claims.Where(c => c.Ip == ip).OrderBy(c => c.At).Where(c => c.At <= t))
        {
            var inForce = holder is not null && (expires is null || c.At < expires);
            var same = inForce && string.Equals(holder, c.Holder, StringComparison.OrdinalIgnoreCase);
            if (c.IsStart)
            {
                if (!same) holder = c.Holder;
                expires = c.Expires;
            }
            else if (same) holder = null;
            if (!inForce && !c.IsStart) holder = null;
        }
        return holder is not null && (expires is null || t < expires) ? holder : null;
    }

    [Property(MaxTest = 500)]
    public Property Lookup_agrees_with_a_brute_force_replay() => Prop.ForAll(Claims, claims =>
    {
        var map = IpIntervalMap.Build(claims);
        for (uint ip = 0; ip <= 4; ip++)
        for (var halfSeconds = -2; halfSeconds <= 190; halfSeconds++)
        {
            var key = IpKey.FromIPv4(0x7F000A00u + ip);
            var t = T0 + Duration.FromMilliseconds(500L * halfSeconds);
            var expected = BruteForce(claims, key, t);
            var found = map.TryFind(key, t, out var h) ? h.Holder : null;
            if (!string.Equals(expected, found, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    });

    [Property(MaxTest = 500)]
    public Property No_two_holders_share_an_address_at_one_instant() => Prop.ForAll(Claims, claims =>
    {
        var map = IpIntervalMap.Build(claims);
        return map.Holdings.GroupBy(h => h.Ip).All(g =>
        {
            var sorted = g.OrderBy(h => h.Start).ToList();
            return sorted.All(h => h.End is null || h.End > h.Start)
                && sorted.Zip(sorted.Skip(1)).All(p => p.First.End is { } end && end <= p.Second.Start);
        });
    });

    [Property(MaxTest = 300)]
    public Property Later_evidence_wins_at_its_own_instant() => Prop.ForAll(Claims, claims =>
    {
        var map = IpIntervalMap.Build(claims);
        // The last start at an instant (with a lease that is not already over) holds the address then.
        return claims.Where(c => c.IsStart && (c.Expires is null || c.Expires > c.At))
            .Where(c => claims.Count(o => o.Ip == c.Ip && o.At == c.At) == 1)
            .All(c => map.TryFind(c.Ip, c.At, out var h) && string.Equals(h.Holder, c.Holder, StringComparison.OrdinalIgnoreCase));
    });

    [Fact]
    public void A_lease_expires_and_a_logoff_only_ends_its_own_logon()
    {
        var ip = IpKey.FromIPv4(0x7F000A32);
        var map = IpIntervalMap.Build(
        [
            new(ip, T0, true, T0 + Duration.FromMinutes(10), "aa", Evidence),
            new(ip, T0 + Duration.FromMinutes(20), true, null, "p.jones", Evidence),
            new(ip, T0 + Duration.FromMinutes(25), false, null, "y7.ahmed", Evidence), // not the holder: ignored
            new(ip, T0 + Duration.FromMinutes(30), false, null, "P.Jones", Evidence),
        ]);
        Assert.True(map.TryFind(ip, T0 + Duration.FromMinutes(9), out var a) && a.Holder == "aa");
        Assert.False(map.TryFind(ip, T0 + Duration.FromMinutes(10), out _));
        Assert.True(map.TryFind(ip, T0 + Duration.FromMinutes(26), out var b) && b.Holder == "p.jones");
        Assert.False(map.TryFind(ip, T0 + Duration.FromMinutes(30), out _));
        Assert.False(map.TryFind(ip, T0 - Duration.FromSeconds(1), out _));
        Assert.False(map.TryFind(IpKey.FromIPv4(0x7F000A33), T0, out _));
    }
}
