using BenchmarkDotNet.Attributes;
using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Findings;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// Attribution of one event (the target: ≤ 100 ns on average) at school-network scale:
/// 10,000 devices (8,000 assigned, 2,000 shared PCs), a day of DHCP leases (one every two hours per device),
/// interactive logons on the shared PCs (a new user every 50 minutes) and a directory of 10,000 people.
/// Events mix valid proxy logins (with case and DOMAIN\ variants), failed logins, no login and unknown
/// addresses, at random instants of the day. Time and allocation are per EVENT (OperationsPerInvoke).
/// The machine is shared and noisy: read Min, and compare with the process CPU time the check mode prints.
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Attribution*'
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[OperationsPerSecond]
public class AttributionBenchmark
{
    public const int Devices = 10_000;
    private const int SharedPcs = 2_000;
    // One parse batch (the pipeline reads 512 KiB blocks: about 4,000 lines), enriched while it is fresh in
    // the cache as it is in the pipeline. The reference data (10,000 devices, a day of leases) is far larger
    // than the cache, and the addresses are random, so every lookup in it is a real one.
    public const int Events = 4_096;
    private static readonly Instant Day = Instant.FromUtc(2026, 11, 23, 0, 0);

    private AttributionEnricher _enricher = null!;
    private NetEvent[] _events = [];

    public int EvidenceCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261122);
        var people = Enumerable.Range(0, Devices).Select(i => new Person
        {
            UserName = $"user{i:d5}",
            Role = i % 10 == 0 ? PersonRoles.Staff : PersonRoles.Pupil,
            Roles = [i % 10 == 0 ? PersonRoles.Staff : PersonRoles.Pupil],
            Group = i % 10 == 0 ? "Science" : $"Year {7 + i % 7}",
            Aliases = [$"SCHOOL\\user{i:d5}"],
        }).ToList();
        var directory = new PeopleDirectory(people);

        static string Ip(int i) => $"10.{20 + i / 62500}.{i / 250 % 250}.{i % 250 + 1}";
        var devices = Enumerable.Range(0, Devices).Select(i => new Device
        {
            Name = $"dev{i:d5}",
            Mac = 0x3C22FB000000UL + (ulong)i,
            Kind = i < SharedPcs ? DeviceKind.Shared : DeviceKind.Assigned,
            Owner = i < SharedPcs ? null : people[i].UserName,
        }).ToList();
        var registry = new DeviceRegistry(devices);

        var evidence = new List<IpEvidence>();
        for (var i = 0; i < Devices; i++)
        {
            IpKey.TryParse(Ip(i), out var ip);
            for (var h = 0; h < 24; h += 2)
            {
                var at = Day + Duration.FromHours(h) + Duration.FromSeconds(random.Next(600));
                evidence.Add(new IpEvidence { At = at, Expires = at + Duration.FromHours(4), Kind = EvidenceKind.Start, Source = AttributionSources.Dhcp, Ip = ip, Mac = devices[i].Mac, Origin = "bench" });
            }
            if (i >= SharedPcs) continue;
            for (var m = 0; m < 24 * 60; m += 50)
            {
                var user = people[random.Next(people.Count)].UserName;
                var on = Day + Duration.FromMinutes(m);
                evidence.Add(new IpEvidence { At = on, Kind = EvidenceKind.Start, Source = AttributionSources.Logon, Ip = ip, UserName = user, Origin = "bench" });
                evidence.Add(new IpEvidence { At = on + Duration.FromMinutes(45), Kind = EvidenceKind.Stop, Source = AttributionSources.Logon, Ip = ip, UserName = user, Origin = "bench" });
            }
        }
        EvidenceCount = evidence.Count;
        var index = AttributionIndex.Build(directory, registry, evidence);
        _enricher = new AttributionEnricher(index, new FindingCollector(index));

        _events = new NetEvent[Events];
        for (var n = 0; n < Events; n++)
        {
            var device = random.Next(Devices + Devices / 20); // 5% from addresses nobody leased
            var at = Day + Duration.FromMilliseconds(random.NextInt64(24L * 3600 * 1000));
            var kind = random.Next(10);
            IpKey.TryParse(Ip(device), out var ipKey);
            // Who types a login: the owner on an assigned device, the person logged on at a shared PC
            // (1 in 100 someone else's: the shared-password path), anyone on an address nobody leased.
            var user = device >= SharedPcs && device < Devices ? people[device].UserName
                : device < SharedPcs && random.Next(100) > 0 && index.Users.TryFind(ipKey, at, out var logon) ? logon.Holder
                : people[random.Next(people.Count)].UserName;
            string? logged = kind switch
            {
                < 4 => user,
                4 => user.ToUpperInvariant(),
                5 => "SCHOOL\\\\" + user,
                6 => "tried." + user,
                _ => null,
            };
            _events[n] = new NetEvent
            {
                Id = new EventId((UInt128)n),
                Origin = new EventOrigin("bench", n),
                Timestamp = at + Duration.FromMilliseconds(40),
                Start = at,
                Action = kind == 6 ? EventActions.AuthRequired : EventActions.Allowed,
                StatusCode = kind == 6 ? 407 : 200,
                Dataset = "squid.access",
                ObserverProduct = "squid",
                SourceIp = Ip(device),
                SourceUserName = logged,
                UserName = logged,
                Url = UrlParts.Empty,
                ResponseBytes = 1000,
            };
        }
    }

    /// <summary>The seam's own cost, which any enricher pays: copying the event record with one field changed.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int CopyOnly()
    {
        var named = 0;
        foreach (var e in _events)
            if ((e with { UserName = e.SourceUserName }).UserName is not null) named++;
        return named;
    }

    private readonly NetEvent[] _work = new NetEvent[Events];
    private AddressCursors _cursors = null!;

    /// <summary>
    /// The pipeline's path: the batch API (look-ups in passes, cursors). The cursors are reset each pass: passes
    /// repeat the same events, and cursors left from the previous pass would find them all where they were.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public int EnrichBatch()
    {
        _events.CopyTo(_work, 0);
        _cursors ??= _enricher.Index.Timeline.CreateCursors();
        _cursors.Reset();
        _enricher.EnrichBatch(_work, _cursors);
        var named = 0;
        foreach (var e in _work)
            if (e.UserName is not null) named++;
        return named;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Enrich()
    {
        var named = 0;
        foreach (var e in _events)
            if (_enricher.Enrich(e).UserName is not null) named++;
        return named;
    }
}
