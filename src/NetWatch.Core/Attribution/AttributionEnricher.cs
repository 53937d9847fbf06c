using NetWatch.Core.Events;
using NodaTime;
using EventAttribution = NetWatch.Core.Events.Attribution;

namespace NetWatch.Core.Attribution;

/// <summary>
/// Puts a person on each event, in order: a valid proxy login → the logon / RADIUS session in force on the
/// source address → the owner of the assigned device DHCP leased the address to → the owner of the
/// assigned device registered at that address → nobody. A failed login (407) never names the person.
/// When a valid proxy login names someone other than the person logged on at that computer, the logon
/// wins (the person at the keyboard) and a shared-password finding is recorded.
/// The event's instant is its start (Squid logs the end) so a request belongs to whoever began it.
/// </summary>
public sealed class AttributionEnricher(AttributionIndex index, FindingCollector? findings = null) : IFlushingEnricher
{
    public AttributionIndex Index => index;

    public FindingCollector? Findings => findings;

    /// <summary>The findings so far (and those of the reference data) as finding events.</summary>
    public IReadOnlyList<NetEvent> Flush() =>
        findings is null ? [] : findings.Complete().Select(FindingEvents.ToEvent).ToList();

    public NetEvent Enrich(NetEvent e)
    {
        if (e.Dataset == FindingEvents.Dataset) return e;
        var at = e.Start ?? e.Timestamp;
        var hasIp = IpKey.TryParse(e.SourceIp, out var ip);
        Holding? logon = null, lease = null;
        Device? device = null;
        var ambiguous = false;
        if (hasIp)
        {
            (logon, ambiguous) = LogonDuring(ip, at, Latest(e));
            device = index.DeviceAt(ip, at, out lease);
        }

        var named = ProxyLogin.HasName(e);
        var loginPerson = named ? index.Directory.Find(e.SourceUserName) : null;
        var unknownUser = named && loginPerson is null;
        string? user;
        Person? person;
        string source;
        double confidence;

        if (named && !ProxyLogin.Failed(e))
        {
            var loginName = loginPerson?.UserName ?? e.SourceUserName!.Trim().ToLowerInvariant();
            if (logon is not null && logon.Evidence.Source == AttributionSources.Logon
                && !string.Equals(logon.Holder, loginName, StringComparison.OrdinalIgnoreCase))
            {
                (user, person, source, confidence) = (logon.Holder, index.Directory.Find(logon.Holder), AttributionSources.Logon, Confidence.LogonOverProxy);
                findings?.SharedPassword(e, at, loginName, logon, device);
            }
            else
            {
                (user, person, source) = (loginName, loginPerson, AttributionSources.ProxyAuth);
                confidence = loginPerson is null ? Confidence.ProxyAuthUnknownUser : Confidence.ProxyAuth;
                if (device is { Kind: DeviceKind.Assigned, Owner: { } owner }
                    && logon is not null && string.Equals(logon.Holder, AttributionIndex.CanonicalUser(index.Directory, owner), StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(logon.Holder, loginName, StringComparison.OrdinalIgnoreCase))
                    findings?.SharedPassword(e, at, loginName, logon, device);
            }
        }
        else if (ambiguous)
        {
            // Someone else logged on at that computer within the time the log cannot resolve: naming either would be a guess.
            (user, person, source, confidence) = (null, null, AttributionSources.None, Confidence.None);
        }
        else if (logon is not null)
        {
            (user, person, source) = (logon.Holder, index.Directory.Find(logon.Holder), logon.Evidence.Source);
            confidence = source == AttributionSources.Logon ? Confidence.Logon : Confidence.Radius;
        }
        else if (device is { Kind: DeviceKind.Assigned, Owner: { } owner })
        {
            person = index.Directory.Find(owner);
            user = person?.UserName ?? owner.ToLowerInvariant();
            var viaLease = lease is not null && (lease.Evidence.Mac is { } m && device.Mac == m || device.Ip is null);
            (source, confidence) = viaLease ? (AttributionSources.Dhcp, Confidence.Dhcp) : (AttributionSources.Device, Confidence.Device);
        }
        else
        {
            (user, person, source, confidence) = (null, null, AttributionSources.None, Confidence.None);
        }

        var result = e with
        {
            UserName = user,
            Attribution = new EventAttribution
            {
                Roles = person?.Roles ?? [],
                GroupName = person?.Group,
                FullName = person?.FullName,
                Source = source,
                Confidence = confidence,
                UnknownUser = unknownUser || (user is not null && person is null),
                DeviceName = device?.Name,
            },
        };
        if (findings is not null && (source == AttributionSources.None || device?.Kind == DeviceKind.Guest))
            findings.Unattributed(result, at, device);
        return result;
    }

    /// <summary>
    /// The latest instant the request may have started at. Logs with whole-second times and no duration
    /// (Squid's combined %tl, e2guardian formats 1, 2 and 4) place it anywhere in that second.
    /// </summary>
    private static Instant Latest(NetEvent e) =>
        e.Start is null && e.Timestamp.ToUnixTimeTicks() % NodaConstants.TicksPerSecond == 0
            ? e.Timestamp + Duration.FromTicks(NodaConstants.TicksPerSecond - 1)
            : e.Start ?? e.Timestamp;

    /// <summary>The logon in force over the whole of [from, to], or ambiguous when a different one is in force at either end.</summary>
    private (Holding? Logon, bool Ambiguous) LogonDuring(UInt128 ip, Instant from, Instant to)
    {
        var first = index.Users.TryFind(ip, from, out var a) ? a : null;
        if (to == from) return (first, false);
        var last = index.Users.TryFind(ip, to, out var b) ? b : null;
        return ReferenceEquals(first, last) ? (first, false) : (null, true);
    }
}
