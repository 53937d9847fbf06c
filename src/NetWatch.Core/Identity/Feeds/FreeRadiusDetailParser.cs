using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Identity.Feeds;

/// <summary>
/// Reads FreeRADIUS accounting detail files: records separated by blank lines, each a ctime header line
/// (server local time) followed by tab-indented <c>Attribute = value</c> lines. Start and Interim-Update
/// records hold Framed-IP-Address for User-Name (and for the Calling-Station-Id hardware address) until a
/// Stop; the time is the <c>Timestamp</c> attribute FreeRADIUS adds (epoch), else the header.
/// MAC-authentication (User-Name is a MAC) and machine authentication (host/...) name no person.
/// </summary>
public static class FreeRadiusDetailParser
{
    private static readonly LocalDateTimePattern Header = LocalDateTimePattern.CreateWithInvariantCulture("ddd MMM d HH:mm:ss uuuu");

    public static ReferenceParseResult<IReadOnlyList<IpEvidence>> Parse(string source, IEnumerable<string> lines, FeedOptions options)
    {
        var errors = new List<ReferenceError>();
        var evidence = new List<IpEvidence>();
        Dictionary<string, string>? record = null;
        long recordLine = 0, number = 0;
        Instant? headerTime = null;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                if (record is not null) Emit(source, recordLine, headerTime, record, evidence, errors);
                record = null;
                continue;
            }
            if (!char.IsWhiteSpace(line[0]))
            {
                if (record is not null) Emit(source, recordLine, headerTime, record, evidence, errors);
                var text = string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                var parsed = Header.Parse(text);
                if (!parsed.Success) { errors.Add(new(source, number, $"record header '{line.Trim()}' is not a date like 'Sun Nov 22 08:01:02 2026'")); headerTime = null; }
                else headerTime = parsed.Value.InZoneLeniently(options.LocalZone).ToInstant();
                record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                recordLine = number;
                continue;
            }
            if (record is null) { errors.Add(new(source, number, "attribute line before any record header")); continue; }
            var eq = line.IndexOf('=');
            if (eq < 0) { errors.Add(new(source, number, $"'{line.Trim()}' is not 'Attribute = value'")); continue; }
            record[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"');
        }
        if (record is not null) Emit(source, recordLine, headerTime, record, evidence, errors);
        return new(evidence, errors);
    }

    private static void Emit(string source, long line, Instant? headerTime, Dictionary<string, string> r, List<IpEvidence> evidence, List<ReferenceError> errors)
    {
        if (!r.TryGetValue("Acct-Status-Type", out var status)) return; // not an accounting record
        var isStart = status is "Start" or "Interim-Update" or "Alive";
        if (!isStart && status != "Stop") return; // Accounting-On/Off: the NAS itself
        if (!r.TryGetValue("Framed-IP-Address", out var ipText)) return; // no address: nothing to attribute
        if (!IpKey.TryParse(ipText, out var ip)) { errors.Add(new(source, line, $"Framed-IP-Address '{ipText}' is not an IP address")); return; }
        Instant? at = headerTime;
        if (r.TryGetValue("Timestamp", out var ts))
        {
            if (long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)) at = Instant.FromUnixTimeSeconds(epoch);
            else { errors.Add(new(source, line, $"Timestamp '{ts}' is not a number of seconds")); return; }
        }
        if (at is null) { errors.Add(new(source, line, "record has no time (neither a valid header nor Timestamp)")); return; }
        ulong? mac = r.TryGetValue("Calling-Station-Id", out var cs) && MacKey.TryParse(cs, out var m) ? m : null;
        var user = r.GetValueOrDefault("User-Name");
        if (user is not null && (MacKey.TryParse(user, out _) || user.StartsWith("host/", StringComparison.OrdinalIgnoreCase) || user.Length == 0))
            user = null;
        bool? wired = r.GetValueOrDefault("NAS-Port-Type") switch
        {
            "Ethernet" => true,
            "Wireless-802.11" or "Wireless-Other" => false,
            _ => null,
        };
        evidence.Add(new IpEvidence
        {
            At = at.Value,
            Kind = isStart ? EvidenceKind.Start : EvidenceKind.Stop,
            Source = AttributionSources.Radius,
            Ip = ip,
            UserName = user,
            Mac = mac,
            Wired = wired,
            Origin = $"{source}:{line}",
        });
    }
}
