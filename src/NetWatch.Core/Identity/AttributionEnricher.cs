using System.Buffers;
using NetWatch.Core.Events;
using NetWatch.Core.Identity.Findings;
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
public sealed class AttributionEnricher(AttributionIndex index, FindingCollector? findings = null) : IBatchEnricher, IInPlaceEnricher
{
    public AttributionIndex Index => index;

    public FindingCollector? Findings => findings;

    /// <summary>
    /// The batch, with the same result as <see cref="Enrich(NetEvent)"/> on each event in turn. A look-up in the index
    /// is a chain of memory visits, and in a day's log in order each address's data is usually no longer in the cache.
    /// One event at a time, the processor would wait for each visit in turn; here every address is located first (in
    /// a small table), then each event asks for the memory that the events a little further on will need.
    /// </summary>
    public void EnrichBatch(Span<NetEvent> events) => EnrichBatch(events, inPlace: false);

    /// <summary><see cref="EnrichBatch(Span{NetEvent})"/>, each event's user and attribution set on the event itself.</summary>
    public void EnrichInPlace(Span<NetEvent> events) => EnrichBatch(events, inPlace: true);

    private void EnrichBatch(Span<NetEvent> events, bool inPlace)
    {
        // The cursors belong to one batch at a time; a batch enriched concurrently with another gets its own.
        var cursors = Interlocked.Exchange(ref _cursors, null) ?? index.Timeline.CreateCursors();
        try { EnrichBatch(events, cursors, inPlace); }
        finally { _cursors = cursors; }
    }

    private AddressCursors? _cursors;

    /// <summary><see cref="EnrichBatch(Span{NetEvent})"/> with the caller's cursors (from this index's timeline).</summary>
    public void EnrichBatch(Span<NetEvent> events, AddressCursors cursors) => EnrichBatch(events, cursors, inPlace: false);

    /// <summary><paramref name="inPlace"/>: set on each event itself (<see cref="IInPlaceEnricher"/>) rather than a copy.</summary>
    private void EnrichBatch(Span<NetEvent> events, AddressCursors cursors, bool inPlace)
    {
        using var batch = index.Timeline.StartBatch(events.Length, cursors);
        var unattributed = findings is null ? [] : ArrayPool<UnattributedRequest>.Shared.Rent(events.Length);
        var unattributedCount = 0;
        try
        {
            for (var i = 0; i < events.Length; i++)
                batch.Add(i, events[i].SourceIp, (events[i].Start ?? events[i].Timestamp).ToUnixTimeTicks());
            batch.Locate();
            for (var i = 0; i < events.Length; i++)
            {
                batch.Prefetch(i);
                var e = events[i];
                var at = e.Start ?? e.Timestamp;
                var from = at.ToUnixTimeTicks();
                ref readonly var here = ref batch.At(i, from, Latest(e, from), out var ambiguous);
                if (Attribute(e, in here, ambiguous, ref batch.LastLogin(i), out var counted) is { } found)
                {
                    if (!inPlace) events[i] = e with { UserName = found.User, Attribution = found.Attribution };
                    else
                    {
                        EnrichedFields.SetUserName(e, found.User);
                        EnrichedFields.SetAttribution(e, found.Attribution);
                    }
                }
                if (counted) unattributed[unattributedCount++] = new UnattributedRequest(here.Situation, here.VolumeCounter, e.SourceIp, at, e.ResponseBytes, e.Id);
            }
            findings?.Unattributed(index.Timeline, unattributed.AsSpan(0, unattributedCount));
        }
        finally
        {
            if (findings is not null) ArrayPool<UnattributedRequest>.Shared.Return(unattributed, clearArray: true);
        }
    }

    public NetEvent Enrich(NetEvent e)
    {
        var from = (e.Start ?? e.Timestamp).ToUnixTimeTicks();
        var here = index.Timeline.At(e.SourceIp, from, Latest(e, from), out var ambiguous);
        var lastLogin = default(LoginOutcome);
        var result = Attribute(e, in here, ambiguous, ref lastLogin, out var unattributed) is { } found
            ? e with { UserName = found.User, Attribution = found.Attribution }
            : e;
        if (unattributed) findings!.Unattributed(index.Timeline, [new UnattributedRequest(here.Situation, here.VolumeCounter, e.SourceIp, e.Start ?? e.Timestamp, e.ResponseBytes, e.Id)]);
        return result;
    }

    /// <summary>The event's user and attribution (null for a finding event, which keeps its own); <paramref name="unattributed"/>: it counts towards the findings' unattributed volume
    /// (nobody named, or a guest device), for the caller to pass on. <paramref name="lastLogin"/>: the address's last
    /// login where nobody was expected (<see cref="LoginOutcome"/>), asked first there and replaced by this event's.</summary>
    private (string? User, EventAttribution Attribution)? Attribute(NetEvent e, in AddressMoment here, bool ambiguous, ref LoginOutcome lastLogin,
        out bool unattributed)
    {
        unattributed = false;
        if (e.Dataset == FindingEvents.Dataset) return null;
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
        else if (here.ExpectedName is not null)
            (user, attribution) = WithLogin(e, at, here.Situation, ambiguous, FindLogin(e.SourceUserName!), out _);
        // Where nobody is expected (a phone on the Wi-Fi), the address's last login is asked first and kept.
        else if (lastLogin.Answers(e.SourceUserName!, here.Situation))
            (user, attribution) = (lastLogin.Name, lastLogin.Attribution);
        else
        {
            var login = e.SourceUserName!;
            var found = lastLogin.Knows(login) ? (lastLogin.Person, lastLogin.Name) : FindLogin(login);
            (user, attribution) = WithLogin(e, at, here.Situation, ambiguous, found, out var repeatable);
            lastLogin = new LoginOutcome(login, found.Person, found.Name, repeatable ? here.Situation : null, attribution);
        }

        // Nobody is named exactly when the source is none.
        unattributed = findings is not null && (user is null || here.IsGuest);
        return (user, attribution);
    }

    // Squid lower-cases names as the directory's canonical names are: the exact comparison usually settles it.
    private static bool IsExpected(string login, string? expected) =>
        expected is not null && (string.Equals(login, expected) || string.Equals(login, expected, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whom a logged name names: the directory's person and their user name, else the name itself, lower-case.</summary>
    private (Person? Person, string Name) FindLogin(string login) =>
        index.Directory.Find(login) is { } person ? (person, person.UserName) : (null, login.Trim().ToLowerInvariant());

    /// <summary>A valid proxy login other than the one expected at that address (another person's, an alias, an unknown
    /// name), found as <paramref name="login"/> (<see cref="FindLogin"/>). <paramref name="repeatable"/>: the same name in
    /// the same situation comes to the same outcome, named <paramref name="login"/>'s name, and recorded no finding.</summary>
    private (string? User, EventAttribution Attribution) WithLogin(NetEvent e, Instant at, AddressSituation here, bool ambiguous,
        (Person? Person, string Name) login, out bool repeatable)
    {
        var (loginPerson, loginName) = login;
        // Within a second in which the logon changes, nobody is known to be at the keyboard.
        var logonName = ambiguous ? null : here.LogonName;
        var logonIsSomeoneElse = logonName is not null && !string.Equals(logonName, loginName, StringComparison.OrdinalIgnoreCase);
        repeatable = !ambiguous && !logonIsSomeoneElse;
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
