using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Identity.Feeds;

/// <summary>
/// Reads the Windows DHCP server audit log (DhcpSrvLog-Day.log): a free-text legend, then the header
/// <c>ID,Date,Time,Description,IP Address,Host Name,MAC Address,...</c>, then one event per line with the
/// server's local date (MM/dd/yy) and time. Event 10 (new lease), 11 (renewal) and 20 (BOOTP) start a lease
/// of <see cref="FeedOptions.DefaultLeaseTime"/> (the log does not give the lease length); 12 (release),
/// 16 (deleted), 17 and 18 (expired) end it. Other event ids (DNS updates, log start/stop...) are skipped.
/// </summary>
public static class WindowsDhcpAuditParser
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("MM'/'dd'/'yy HH:mm:ss");
    private static readonly HashSet<int> Starts = [10, 11, 20];
    private static readonly HashSet<int> Stops = [12, 16, 17, 18];

    public static ReferenceParseResult<IReadOnlyList<IpEvidence>> Parse(string source, IEnumerable<string> lines, FeedOptions options)
    {
        var errors = new List<ReferenceError>();
        var evidence = new List<IpEvidence>();
        var header = false;
        long number = 0;
        foreach (var line in lines)
        {
            number++;
            if (!header)
            {
                header = line.TrimStart('\uFEFF').StartsWith("ID,Date,Time,Description", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(',');
            if (f.Length < 7) { errors.Add(new(source, number, $"{f.Length} fields, expected at least 7 (ID,Date,Time,Description,IP Address,Host Name,MAC Address)")); continue; }
            if (!int.TryParse(f[0], out var id)) { errors.Add(new(source, number, $"event id '{f[0]}' is not a number")); continue; }
            var isStart = Starts.Contains(id);
            if (!isStart && !Stops.Contains(id)) continue;
            var time = Pattern.Parse($"{f[1].Trim()} {f[2].Trim()}");
            if (!time.Success) { errors.Add(new(source, number, $"date/time '{f[1]} {f[2]}' is not MM/dd/yy HH:mm:ss")); continue; }
            if (!IpKey.TryParse(f[4].Trim(), out var ip)) { errors.Add(new(source, number, $"'{f[4]}' is not an IP address")); continue; }
            ulong? mac = null;
            if (MacKey.TryParse(f[6], out var m)) mac = m;
            else if (isStart) { errors.Add(new(source, number, $"'{f[6]}' is not a hardware (MAC) address")); continue; }
            var at = time.Value.InZoneLeniently(options.LocalZone).ToInstant();
            evidence.Add(new IpEvidence
            {
                At = at,
                Kind = isStart ? EvidenceKind.Start : EvidenceKind.Stop,
                Expires = isStart ? at + options.DefaultLeaseTime : null,
                Source = AttributionSources.Dhcp,
                Ip = ip,
                Mac = mac,
                HostName = string.IsNullOrWhiteSpace(f[5]) ? null : f[5].Trim(),
                Origin = $"{source}:{number}",
            });
        }
        if (!header) errors.Add(new(source, 0, "no 'ID,Date,Time,Description,...' header line found"));
        return new(evidence, errors);
    }
}
