using NetWatch.Core.Events;
using NodaTime;
using EventAttribution = NetWatch.Core.Events.Attribution;

// The namespace is Identity, not Attribution, although the folder is Attribution/: a namespace
// NetWatch.Core.Attribution would hide the type Events.Attribution from all code in NetWatch.Core.*.
namespace NetWatch.Core.Identity;

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
        var users = index.Users;
        var hardware = index.Hardware;
        int logon = -1, lease = -1;
        var ambiguous = false;
        DeviceEntry? entry = null;
        if (IpKey.TryParse(e.SourceIp, out var ip) && index.TryGetAddress(ip, out var address))
        {
            var from = at.ToUnixTimeTicks();
            logon = users.IndexAt(address.Users, from);
            var to = Latest(e, from);
            if (to != from && users.IndexAt(address.Users, to) != logon) (logon, ambiguous) = (-1, true);
            lease = hardware.IndexAt(address.Hardware, from);
            entry = (lease >= 0 ? hardware.PayloadAt(lease) as DeviceEntry : null) ?? address.Static;
        }
        var device = entry?.Device;
        var logonPerson = logon >= 0 ? users.PayloadAt(logon) as Person : null;
        var logonName = logon < 0 ? null : logonPerson?.UserName ?? users.HoldingAt(logon).Holder;

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
            var logonIsSomeoneElse = logonName is not null && !string.Equals(logonName, loginName, StringComparison.OrdinalIgnoreCase);
            if (logonIsSomeoneElse && users.SourceAt(logon) == AttributionSources.Logon)
            {
                // The person at the keyboard is the one logged on; the login is someone else's password.
                (user, person, source, confidence) = (logonName, logonPerson, AttributionSources.Logon, Confidence.LogonOverProxy);
                findings?.SharedPassword(e, at, loginName, users.HoldingAt(logon), device);
            }
            else
            {
                (user, person, source) = (loginName, loginPerson, AttributionSources.ProxyAuth);
                confidence = loginPerson is null ? Confidence.ProxyAuthUnknownUser : Confidence.ProxyAuth;
                // A RADIUS session of the device's owner while someone else's login is used.
                if (logonIsSomeoneElse && device is { Kind: DeviceKind.Assigned } && logonPerson is not null && entry!.Owner == logonPerson)
                    findings?.SharedPassword(e, at, loginName, users.HoldingAt(logon), device);
            }
        }
        else if (ambiguous)
        {
            // Someone else logged on at that computer within the time the log cannot resolve: naming either would be a guess.
            (user, person, source, confidence) = (null, null, AttributionSources.None, Confidence.None);
        }
        else if (logonName is not null)
        {
            (user, person, source) = (logonName, logonPerson, users.SourceAt(logon));
            confidence = source == AttributionSources.Logon ? Confidence.Logon : Confidence.Radius;
        }
        else if (device is { Kind: DeviceKind.Assigned, Owner: { } owner })
        {
            person = entry!.Owner;
            user = person?.UserName ?? owner.ToLowerInvariant();
            var viaLease = lease >= 0 && ReferenceEquals(hardware.PayloadAt(lease), entry);
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
    /// The latest instant (Unix ticks) the request may have started at. Logs with whole-second times and no
    /// duration (Squid's combined %tl, e2guardian formats 1, 2 and 4) place it anywhere in that second.
    /// </summary>
    private static long Latest(NetEvent e, long from) =>
        e.Start is null && from % NodaConstants.TicksPerSecond == 0 ? from + NodaConstants.TicksPerSecond - 1 : from;
}
