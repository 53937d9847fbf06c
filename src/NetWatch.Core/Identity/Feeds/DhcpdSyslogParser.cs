using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Identity.Feeds;

/// <summary>
/// Reads ISC dhcpd's syslog messages: <c>DHCPACK on IP to MAC (host) via IFACE</c> starts (or renews) a
/// lease of <see cref="FeedOptions.DefaultLeaseTime"/> (the message does not give its length) and
/// <c>DHCPRELEASE of IP from MAC ...</c> ends it. Other lines of the syslog file are not ours and are skipped.
/// Time stamps are BSD (<c>Nov 22 08:01:02</c>, local, no year) or RFC 3339.
/// </summary>
public static partial class DhcpdSyslogParser
{
    [GeneratedRegex(@"^(?:(?<bsd>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d)|(?<iso>\d{4}-\d\d-\d\dT\S+))\s+\S+\s+dhcpd(?:\[\d+\])?:\s+(?<msg>.*)$")]
    private static partial Regex Line();

    [GeneratedRegex(@"^DHCPACK on (?<ip>\S+) to (?<mac>\S+)(?: \((?<host>[^)]*)\))? via (?<via>\S+)")]
    private static partial Regex Ack();

    [GeneratedRegex(@"^DHCPRELEASE of (?<ip>\S+) from (?<mac>\S+)(?: \((?<host>[^)]*)\))? via (?<via>\S+)")]
    private static partial Regex Release();

    private static readonly LocalDateTimePattern Bsd = LocalDateTimePattern.CreateWithInvariantCulture("uuuu MMM d HH:mm:ss");

    public static ReferenceParseResult<IReadOnlyList<IpEvidence>> Parse(string source, IEnumerable<string> lines, FeedOptions options)
    {
        var errors = new List<ReferenceError>();
        var evidence = new List<IpEvidence>();
        long number = 0;
        foreach (var line in lines)
        {
            number++;
            var m = Line().Match(line);
            if (!m.Success) continue;
            var msg = m.Groups["msg"].Value;
            var ack = Ack().Match(msg);
            var release = ack.Success ? ack : Release().Match(msg);
            if (!release.Success)
            {
                if (msg.StartsWith("DHCPACK on ", StringComparison.Ordinal) || msg.StartsWith("DHCPRELEASE of ", StringComparison.Ordinal))
                    errors.Add(new(source, number, $"dhcpd message not understood: {msg}"));
                continue;
            }
            var match = release;
            if (!IpKey.TryParse(match.Groups["ip"].Value, out var ip)) { errors.Add(new(source, number, $"'{match.Groups["ip"].Value}' is not an IP address")); continue; }
            if (!MacKey.TryParse(match.Groups["mac"].Value, out var mac)) { errors.Add(new(source, number, $"'{match.Groups["mac"].Value}' is not a hardware address")); continue; }
            var at = ReadTime(m, options, out var problem);
            if (at is null) { errors.Add(new(source, number, problem!)); continue; }
            evidence.Add(new IpEvidence
            {
                At = at.Value,
                Kind = ack.Success ? EvidenceKind.Start : EvidenceKind.Stop,
                Expires = ack.Success ? at.Value + options.DefaultLeaseTime : null,
                Source = AttributionSources.Dhcp,
                Ip = ip,
                Mac = mac,
                HostName = match.Groups["host"].Success ? match.Groups["host"].Value : null,
                Origin = $"{source}:{number}",
            });
        }
        return new(evidence, errors);
    }

    private static Instant? ReadTime(Match m, FeedOptions options, out string? problem)
    {
        problem = null;
        if (m.Groups["iso"].Success)
        {
            var iso = OffsetDateTimePattern.ExtendedIso.Parse(m.Groups["iso"].Value);
            if (iso.Success) return iso.Value.ToInstant();
            problem = $"time '{m.Groups["iso"].Value}' is not an RFC 3339 time stamp";
            return null;
        }
        if (options.SyslogYear is not { } year)
        {
            problem = "syslog time has no year and none was given";
            return null;
        }
        var text = m.Groups["bsd"].Value;
        var local = Bsd.Parse($"{year} {text.Replace("  ", " ")}");
        if (!local.Success) { problem = $"time '{text}' is not a syslog time stamp"; return null; }
        return local.Value.InZoneLeniently(options.LocalZone).ToInstant();
    }
}
