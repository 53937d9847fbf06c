using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Identity.Feeds;

/// <summary>
/// Reads Windows security events as JSON lines, in Winlogbeat's shape (<c>@timestamp</c>,
/// <c>winlog.event_id</c>, <c>winlog.computer_name</c>, <c>winlog.event_data.*</c>, <c>host.ip</c>) or
/// NXLog's flat shape (<c>EventTime</c> local, <c>EventID</c>, <c>Hostname</c>, <c>TargetUserName</c>...).
/// 4624 with an interactive logon type (2 interactive, 7 unlock, 10 remote interactive, 11 cached) starts
/// the user's hold on the computer's address; 4634 of those types and 4647 end it. The address is
/// <c>host.ip</c> when the shipper adds it, else the computer name is looked up in the device registry
/// later. Network and service logons, machine accounts and system accounts name no one at a keyboard.
/// </summary>
public static class WindowsLogonJsonParser
{
    private static readonly HashSet<string> InteractiveTypes = ["2", "7", "10", "11"];
    private static readonly HashSet<string> SystemAccounts = new(StringComparer.OrdinalIgnoreCase)
        { "SYSTEM", "LOCAL SERVICE", "NETWORK SERVICE", "ANONYMOUS LOGON", "-", "" };
    // NXLog's DateFormat: the default "YYYY-MM-DD hh:mm:ss" (local), with ".s" fractions, "T", and TZ/UTC suffixes.
    private static readonly LocalDateTimePattern NxLogLocal = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH:mm:ss;FFFFFFFFF");
    private static readonly OffsetDateTimePattern NxLogOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH:mm:ss;FFFFFFFFFo<G>");

    public static ReferenceParseResult<IReadOnlyList<IpEvidence>> Parse(string source, IEnumerable<string> lines, FeedOptions options)
    {
        var errors = new List<ReferenceError>();
        var evidence = new List<IpEvidence>();
        long number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException ex) { errors.Add(new(source, number, $"not valid JSON: {ex.Message}")); continue; }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) { errors.Add(new(source, number, "a JSON line must be an object")); continue; }
                var e = Read(doc.RootElement, options, out var problem);
                if (problem is not null) errors.Add(new(source, number, problem));
                else if (e is not null) evidence.Add(e with { Origin = $"{source}:{number}" });
            }
        }
        return new(evidence, errors);
    }

    private static IpEvidence? Read(JsonElement root, FeedOptions options, out string? problem)
    {
        problem = null;
        var winlog = root.TryGetProperty("winlog", out var w) && w.ValueKind == JsonValueKind.Object ? w : (JsonElement?)null;
        var data = winlog is { } wl && wl.TryGetProperty("event_data", out var ed) ? ed : root;
        var id = Text(winlog, "event_id") ?? Text(root, "EventID") ?? Text(Child(root, "event"), "code");
        if (id is not ("4624" or "4634" or "4647")) return null;
        var user = Text(data, "TargetUserName");
        var type = Text(data, "LogonType");
        if (user is null || SystemAccounts.Contains(user) || user.EndsWith('$')
            || user.StartsWith("DWM-", StringComparison.OrdinalIgnoreCase) || user.StartsWith("UMFD-", StringComparison.OrdinalIgnoreCase))
            return null;
        if (id != "4647" && (type is null || !InteractiveTypes.Contains(type))) return null;

        Instant at;
        if (Text(root, "@timestamp") is { } ts)
        {
            var parsed = InstantPattern.ExtendedIso.Parse(ts);
            if (!parsed.Success) { problem = $"@timestamp '{ts}' is not an ISO 8601 UTC time"; return null; }
            at = parsed.Value;
        }
        else if (Text(root, "EventTime") is { } et)
        {
            if (ParseNxLogTime(et, options.LocalZone) is { } t) at = t;
            else { problem = $"EventTime '{et}' is not 'YYYY-MM-DD hh:mm:ss' (optionally with fractions, 'T' and a zone)"; return null; }
        }
        else { problem = "no @timestamp or EventTime"; return null; }

        var computer = Text(winlog, "computer_name") ?? Text(root, "Hostname") ?? Text(Child(root, "host"), "name");
        UInt128? ip = HostIp(root);
        if (ip is null && computer is null) { problem = "logon event names neither the computer nor its IP"; return null; }
        return new IpEvidence
        {
            At = at,
            Kind = id == "4624" ? EvidenceKind.Start : EvidenceKind.Stop,
            Source = AttributionSources.Logon,
            Ip = ip,
            UserName = user,
            HostName = computer,
            Origin = "",
        };
    }

    private static Instant? ParseNxLogTime(string text, DateTimeZone zone)
    {
        var spaced = text.Replace('T', ' ');
        if (NxLogOffset.Parse(spaced) is { Success: true } offset) return offset.Value.ToInstant();
        if (NxLogLocal.Parse(spaced) is { Success: true } local) return local.Value.InZoneLeniently(zone).ToInstant();
        return null;
    }

    private static UInt128? HostIp(JsonElement root)
    {
        var host = Child(root, "host");
        if (host is { } h && h.TryGetProperty("ip", out var ips))
        {
            var candidates = ips.ValueKind == JsonValueKind.Array ? ips.EnumerateArray().ToList() : [ips];
            // Prefer a routable IPv4 address: host.ip also lists loopback and link-local IPv6 addresses.
            var keys = candidates.Where(c => c.ValueKind == JsonValueKind.String)
                .Select(c => IpKey.TryParse(c.GetString(), out var k) ? k : (UInt128?)null)
                .OfType<UInt128>().ToList();
            var best = keys.FirstOrDefault(k => IpKey.IsIPv4(k) && ((uint)k >> 24) != 127, UInt128.Zero);
            if (best != UInt128.Zero) return best;
            if (keys.Count > 0) return keys[0];
        }
        return Text(root, "HostIP") is { } t && IpKey.TryParse(t, out var key) ? key : null;
    }

    private static JsonElement? Child(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var c) && c.ValueKind == JsonValueKind.Object ? c : null;

    private static string? Text(JsonElement? e, string name)
    {
        if (e is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }
}
