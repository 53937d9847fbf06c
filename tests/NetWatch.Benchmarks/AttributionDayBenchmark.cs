using System.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Findings;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// Attribution over a school day's real-format log, in log order: the average case the goal speaks of,
/// beside <see cref="AttributionBenchmark"/>'s worst case (events at random instants, no locality at all).
/// The log is gen_squid_log.py's (shared/tools): one day, 10,000 client addresses (5,600 classroom PCs in 10.10/16,
/// 3,000 staff desks in 10.20/16, 1,400 Wi-Fi addresses in 10.30/16), the people of the <see cref="Day"/>, parsed by
/// the real squid-native parser. Reference data for exactly those 10,000 devices: a directory of everyone in the log (with DOMAIN\ aliases),
/// a registry (classroom PCs shared, desks assigned to the staff member seen there, half the Wi-Fi devices guests),
/// a day of DHCP leases per device (renewed every 2 h, 4 h lifetime; Wi-Fi addresses change hands every hour) and the
/// interactive logons on the classroom PCs (each pupil's 20-minute session at a PC, see <see cref="Stints"/>).
/// Not a BenchmarkDotNet class: each batch must be fresh, as in the pipeline; `attribution-cpu-time` runs it.
/// </summary>
public class AttributionDayBenchmark(AttributionDayBenchmark.Day day)
{
    /// <summary>A day of gen_squid_log.py's log for 10,000 addresses: its lines, its users, and how many of its events are used.</summary>
    public sealed record Day(string Name, int Lines, int Users, int Events);

    /// <summary>
    /// 290,000 requests, 10,000 users: 29 requests per address, about one per logon, so nearly every event needs an
    /// address's data that has left the cache (the worst case of a day in order).
    /// </summary>
    public static readonly Day Quiet = new("quiet day", 300_000, 10_000, 290_000);

    /// <summary>
    /// 3,000,000 requests, 5,000 users (4,500 pupils, so a 20-minute session seats them all at the 5,600 lab PCs):
    /// 300 requests per address, still a tenth of the generator's own reference rate (1,000,000 a day for 500 addresses).
    /// </summary>
    public static readonly Day Busy = new("busy day", 3_000_000, 5_000, 2_990_000);

    public Day Of => day;

    /// <summary>The day whose name starts with <paramref name="which"/> (quiet, busy).</summary>
    public static Day Named(string which) => All.Single(d => d.Name.StartsWith(which));

    public static readonly Day[] All = [Quiet, Busy];
    private AttributionEnricher _enricher = null!;
    public AttributionEnricher Enricher => _enricher;
    private NetEvent[] _events = [];

    public int EvidenceCount { get; private set; }

    public int EventCount => _events.Length;

    public void Setup()
    {
        var parser = LogFormats.CreateParser("squid-native");
        var events = new List<NetEvent>();
        var n = 0L;
        foreach (var line in File.ReadLines(GeneratedLog()))
            if (parser.Parse(line, new EventOrigin("day.log", ++n)).Event is { } e) events.Add(e);
        _events = Reseat(events.Take(day.Events)).ToArray();

        // Fresh strings, as a directory loaded from its CSV has (not the first log line's, scattered over the heap).
        var names = _events.Select(e => e.SourceUserName).Where(u => u is { Length: > 1 }).Distinct().Select(u => new string(u)).ToList();
        var people = names.Select(u => new Person
        {
            UserName = u!,
            Role = u!.StartsWith("staff.") ? PersonRoles.Staff : PersonRoles.Pupil,
            Roles = [u.StartsWith("staff.") ? PersonRoles.Staff : PersonRoles.Pupil],
            Aliases = [$"SCHOOL\\{u}"],
        }).ToList();
        var directory = new PeopleDirectory(people);

        var ips = _events.Select(e => e.SourceIp!).Distinct().ToList();
        var byIp = _events.GroupBy(e => e.SourceIp!).ToDictionary(g => g.Key, g => g.ToList());
        var devices = new List<Device>();
        var evidence = new List<IpEvidence>();
        var midnight = _events[0].Timestamp - Duration.FromHours(9);
        var random = new Random(20261123);
        foreach (var (ip, i) in AllAddresses().Select((ip, i) => (ip, i)))
        {
            IpKey.TryParse(ip, out var key);
            var mac = 0x3C22FB000000UL + (ulong)i;
            var wifi = ip.StartsWith("10.30.");
            if (ip.StartsWith("10.10.")) devices.Add(new Device { Name = $"lab-{i:d5}", Mac = mac, Kind = DeviceKind.Shared });
            else if (ip.StartsWith("10.20."))
            {
                var owner = byIp.GetValueOrDefault(ip)?.Select(e => e.SourceUserName).FirstOrDefault(u => u is { Length: > 1 });
                devices.Add(new Device { Name = $"desk-{i:d5}", Mac = mac, Kind = DeviceKind.Assigned, Owner = owner });
            }
            for (var h = 0; h < 24; h += wifi ? 1 : 2)
            {
                var at = midnight + Duration.FromHours(h) + Duration.FromSeconds(random.Next(600));
                var holder = wifi ? 0x5A0000000000UL + (ulong)random.Next(1 << 20) : mac;
                if (wifi && random.Next(2) == 0) devices.Add(new Device { Name = $"guest-{holder:x12}", Mac = holder, Kind = DeviceKind.Guest });
                evidence.Add(new IpEvidence { At = at, Expires = at + Duration.FromHours(4), Kind = EvidenceKind.Start, Source = AttributionSources.Dhcp, Ip = key, Mac = holder, Origin = "bench" });
            }
            if (!ip.StartsWith("10.10.") || !byIp.TryGetValue(ip, out var seen)) continue;
            // Each pupil's session at this PC.
            foreach (var stint in Stints(seen))
            {
                evidence.Add(new IpEvidence { At = stint.LogOn, Kind = EvidenceKind.Start, Source = AttributionSources.Logon, Ip = key, UserName = stint.User, Origin = "bench" });
                evidence.Add(new IpEvidence { At = stint.LogOff, Kind = EvidenceKind.Stop, Source = AttributionSources.Logon, Ip = key, UserName = stint.User, Origin = "bench" });
            }
        }
        EvidenceCount = evidence.Count;
        var index = AttributionIndex.Build(directory, new DeviceRegistry(devices.DistinctBy(d => d.Mac)), evidence);
        _enricher = new AttributionEnricher(index, new FindingCollector(index));
    }

    /// <summary>
    /// gen_squid_log.py seats pupils by a formula that puts about nine of them at one classroom PC in the same hour,
    /// interleaved, which no classroom does (and which would make nearly every event a shared-password case).
    /// Here each pupil gets a PC of their own for each 20-minute session: the n-th pupil seen in a session sits at
    /// PC n. (The generator has up to 4,931 pupils online in one session for 5,600 PCs, but 7,251 in one hour: with
    /// hour-long sessions, 1,600 PCs would have two pupils at once.) Users, URLs and timing stay the generator's.
    /// </summary>
    private static IEnumerable<NetEvent> Reseat(IEnumerable<NetEvent> events)
    {
        var labs = AllAddresses().Where(a => a.StartsWith("10.10.")).ToArray();
        var seats = new Dictionary<(string User, long Session), string>();
        var seated = new Dictionary<long, int>();
        foreach (var e in events)
        {
            if (e.SourceIp!.StartsWith("10.10.") && e.SourceUserName is { Length: > 1 } user)
            {
                var session = Session(e.Timestamp);
                if (!seats.TryGetValue((user, session), out var seat))
                {
                    var n = seated.GetValueOrDefault(session);
                    if (n == labs.Length) throw new InvalidOperationException($"more pupils than PCs in session {session}");
                    seated[session] = n + 1;
                    seats[(user, session)] = seat = labs[n];
                }
                yield return e with { SourceIp = seat };
            }
            else yield return e;
        }
    }

    private static IEnumerable<string> AllAddresses()
    {
        // gen_squid_log.py's make_ips(10000): 56 % classroom, 30 % staff, the rest Wi-Fi.
        for (var i = 0; i < 5600; i++) yield return $"10.10.{1 + i / 40}.{10 + i % 40}";
        for (var i = 0; i < 3000; i++) yield return $"10.20.{1 + i / 200}.{20 + i % 200}";
        for (var i = 0; i < 1400; i++) yield return $"10.30.{i / 250}.{2 + i % 250}";
    }

    private const long SessionSeconds = 20 * 60;

    private static long Session(Instant at) => at.ToUnixTimeSeconds() / SessionSeconds;

    /// <summary>
    /// Each pupil's logon at a PC: from two minutes before their first request of the session to one minute after
    /// their last, within the session (the next pupil logs on after the last one has logged off).
    /// </summary>
    private static IEnumerable<(string User, Instant LogOn, Instant LogOff)> Stints(List<NetEvent> seen) =>
        seen.Where(e => e.SourceUserName is { Length: > 1 })
            .GroupBy(e => (User: e.SourceUserName!, Session: Session(e.Timestamp)))
            .Select(g =>
            {
                var begins = Instant.FromUnixTimeSeconds(g.Key.Session * SessionSeconds);
                var ends = begins + Duration.FromSeconds(SessionSeconds - 1);
                var logOn = Instant.Max(g.Min(e => e.Timestamp) - Duration.FromMinutes(2), begins);
                var logOff = Instant.Min(g.Max(e => e.Timestamp) + Duration.FromMinutes(1), ends);
                return (g.Key.User, logOn, logOff);
            });

    /// <summary>gen_squid_log.py's day, generated once into the temp folder (python3 and shared/tools needed).</summary>
    private string GeneratedLog()
    {
        var path = Path.Combine(Path.GetTempPath(), $"netwatch-bench-day-{day.Lines}-{day.Users}.log");
        if (File.Exists(path)) return path;
        var tool = Path.Combine(CorpusLines.SharedRoot(), "tools", "gen_squid_log.py");
        var start = new ProcessStartInfo("python3", [tool, "--lines", day.Lines.ToString(), "--days", "1", "--ips", "10000", "--users", day.Users.ToString(), "--seed", "1", "-o", path + ".part"]);
        using (var process = Process.Start(start)!)
        {
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode})");
        }
        File.Move(path + ".part", path, overwrite: true);
        return path;
    }

    /// <summary>
    /// Wall time per event of <paramref name="work"/> over the whole day, batch by batch as the pipeline enriches
    /// (4,096 events, freshly allocated just before, as the parse stage hands them over; that copying is not timed).
    /// </summary>
    public double NanosecondsPerEvent(Action<Span<NetEvent>> work)
    {
        const int batch = 4_096;
        var fresh = new NetEvent[batch];
        var ticks = 0L;
        for (var start = 0; start < _events.Length; start += batch)
        {
            var count = Math.Min(batch, _events.Length - start);
            for (var i = 0; i < count; i++)
            {
                var e = _events[start + i];
                fresh[i] = e with { SourceIp = new string(e.SourceIp), SourceUserName = e.SourceUserName is null ? null : new string(e.SourceUserName) };
            }
            var began = Stopwatch.GetTimestamp();
            work(fresh.AsSpan(0, count));
            ticks += Stopwatch.GetTimestamp() - began;
        }
        return ticks * (1e9 / Stopwatch.Frequency) / _events.Length;
    }

    public double CopyOnlyNanoseconds() => NanosecondsPerEvent(CopyOnly);

    public double EnrichBatchNanoseconds() => NanosecondsPerEvent(EnrichBatch);

    public void CopyOnly(Span<NetEvent> events)
    {
        for (var i = 0; i < events.Length; i++) events[i] = events[i] with { UserName = events[i].SourceUserName };
    }

    public void Enrich(Span<NetEvent> events)
    {
        for (var i = 0; i < events.Length; i++) events[i] = _enricher.Enrich(events[i]);
    }

    /// <summary>The pipeline's path; the cursors carry over from batch to batch as they do there.</summary>
    public void EnrichBatch(Span<NetEvent> events) => _enricher.EnrichBatch(events);
}
