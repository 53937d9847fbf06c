using System.Buffers;
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
public sealed class AttributionEnricher(AttributionIndex index, FindingCollector? findings = null) : IFlushingEnricher, IBatchEnricher
{
    public AttributionIndex Index => index;

    public FindingCollector? Findings => findings;

    /// <summary>The findings so far (and those of the reference data) as finding events.</summary>
    public IReadOnlyList<NetEvent> Flush() =>
        findings is null ? [] : findings.Complete().Select(FindingEvents.ToEvent).ToList();

    /// <summary>
    /// The batch in passes (the result is the same as <see cref="Enrich(NetEvent)"/> on each event in turn). A lookup
    /// in the index is a chain of memory visits, and in a day's log in order each address's data is usually no longer
    /// in the cache: one event at a time, the processor waits for each visit in turn. In passes, the visits of one pass
    /// are independent from one event to the next, so the processor has many under way at once.
    /// </summary>
    public void EnrichBatch(Span<NetEvent> events)
    {
        // The cursors belong to one batch at a time; a batch enriched concurrently with another gets its own.
        var cursors = Interlocked.Exchange(ref _cursors, null) ?? index.Timeline.CreateCursors();
        try { EnrichBatch(events, cursors); }
        finally { _cursors = cursors; }
    }

    private AddressCursors? _cursors;

    /// <summary><see cref="EnrichBatch(Span{NetEvent})"/> with the caller's cursors (from this index's timeline).</summary>
    public void EnrichBatch(Span<NetEvent> events, AddressCursors cursors)
    {
        var count = events.Length;
        var ips = ArrayPool<string?>.Shared.Rent(count);
        var from = ArrayPool<long>.Shared.Rent(count);
        var latest = ArrayPool<long>.Shared.Rent(count);
        var here = ArrayPool<AddressMoment>.Shared.Rent(count);
        var ambiguous = ArrayPool<bool>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var e = events[i];
                ips[i] = e.SourceIp;
                from[i] = (e.Start ?? e.Timestamp).ToUnixTimeTicks();
                latest[i] = Latest(e, from[i]);
            }
            index.Timeline.AtAll(ips.AsSpan(0, count), from.AsSpan(0, count), latest.AsSpan(0, count), cursors,
                here.AsSpan(0, count), ambiguous.AsSpan(0, count));
            for (var i = 0; i < count; i++) events[i] = Enrich(events[i], in here[i], ambiguous[i]);
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(ips, clearArray: true);
            ArrayPool<long>.Shared.Return(from);
            ArrayPool<long>.Shared.Return(latest);
            ArrayPool<AddressMoment>.Shared.Return(here, clearArray: true);
            ArrayPool<bool>.Shared.Return(ambiguous);
        }
    }

    public NetEvent Enrich(NetEvent e)
    {
        var from = (e.Start ?? e.Timestamp).ToUnixTimeTicks();
        var here = index.Timeline.At(e.SourceIp, from, Latest(e, from), out var ambiguous);
        return Enrich(e, in here, ambiguous);
    }

    private NetEvent Enrich(NetEvent e, in AddressMoment here, bool ambiguous)
    {
        if (e.Dataset == FindingEvents.Dataset) return e;
        var at = e.Start ?? e.Timestamp;
        string? user;
        EventAttribution attribution;
        if (!ProxyLogin.HasName(e))
            (user, attribution) = ambiguous ? (null, here.Situation.Nobody(unknownTriedName: false)) : (here.DefaultUser, here.Default);
        else if (ProxyLogin.Failed(e))
        {
            var unknownTriedName = index.Directory.Find(e.SourceUserName) is null;
            (user, attribution) = ambiguous ? (null, here.Situation.Nobody(unknownTriedName))
                : (here.DefaultUser, unknownTriedName ? here.Situation.DefaultAfterUnknownTriedName : here.Default);
        }
        else if (IsExpected(e.SourceUserName!, here.ExpectedName))
            (user, attribution) = (here.ExpectedName, here.ExpectedLogin!);
        else
            (user, attribution) = WithLogin(e, at, here.Situation, ambiguous);

        var result = e with { UserName = user, Attribution = attribution };
        // Nobody is named exactly when the source is none.
        if (findings is not null && (user is null || here.IsGuest))
            findings.Unattributed(result, at, here.Situation.Device);
        return result;
    }

    // Squid lower-cases names as the directory's canonical names are: the exact comparison usually settles it.
    private static bool IsExpected(string login, string? expected) =>
        expected is not null && (string.Equals(login, expected, StringComparison.Ordinal) || string.Equals(login, expected, StringComparison.OrdinalIgnoreCase));

    /// <summary>A valid proxy login other than the one expected at that address (another person's, an alias, an unknown name).</summary>
    private (string? User, EventAttribution Attribution) WithLogin(NetEvent e, Instant at, AddressSituation here, bool ambiguous)
    {
        var loginPerson = index.Directory.Find(e.SourceUserName);
        var loginName = loginPerson?.UserName ?? e.SourceUserName!.Trim().ToLowerInvariant();
        // Within a second in which the logon changes, nobody is known to be at the keyboard.
        var logonName = ambiguous ? null : here.LogonName;
        var logonIsSomeoneElse = logonName is not null && !string.Equals(logonName, loginName, StringComparison.OrdinalIgnoreCase);
        if (logonIsSomeoneElse && here.LogonSource == AttributionSources.Logon)
        {
            // The person at the keyboard is the one logged on; the login is someone else's password.
            findings?.SharedPassword(e, at, loginName, here.Logon!, here.Device);
            return (logonName, here.Attribute(here.LogonPerson, AttributionSources.Logon, Confidence.LogonOverProxy,
                unknownUser: loginPerson is null || here.LogonPerson is null));
        }
        // A RADIUS session of the device's owner while someone else's login is used.
        if (logonIsSomeoneElse && here.Device is { Kind: DeviceKind.Assigned } && here.LogonPerson is not null && here.Entry!.Owner == here.LogonPerson)
            findings?.SharedPassword(e, at, loginName, here.Logon!, here.Device);
        if (loginPerson is not null && ReferenceEquals(loginPerson, here.Expected)) return (loginName, here.ExpectedLogin!);
        return (loginName, here.Attribute(loginPerson, AttributionSources.ProxyAuth,
            loginPerson is null ? Confidence.ProxyAuthUnknownUser : Confidence.ProxyAuth, unknownUser: loginPerson is null));
    }

    /// <summary>
    /// The latest instant (Unix ticks) the request may have started at. Logs with whole-second times and no
    /// duration (Squid's combined %tl, e2guardian formats 1, 2 and 4) place it anywhere in that second.
    /// </summary>
    private static long Latest(NetEvent e, long from) =>
        e.Start is null && from % NodaConstants.TicksPerSecond == 0 ? from + NodaConstants.TicksPerSecond - 1 : from;
}
