using EventAttribution = NetWatch.Core.Events.Attribution;

namespace NetWatch.Core.Identity;

/// <summary>
/// What attribution knows of one address over a stretch of time in which neither its logon / RADIUS session
/// nor its lease changes: who is logged on, which device holds it. Built once with the index, it carries the
/// two outcomes nearly every event reaches (no valid login; the valid login of the person expected there), so
/// that attributing such an event is a lookup, not a decision.
/// </summary>
public sealed class AddressSituation
{
    /// <summary>An address nothing is known of.</summary>
    public static readonly AddressSituation Unknown = new(null, null, null, null, viaLease: false);

    /// <summary>The logon or RADIUS session in force (null: none).</summary>
    public Holding? Logon { get; }
    /// <summary>The logged-on person's directory entry (null: no logon, or the name is not in the directory).</summary>
    public Person? LogonPerson { get; }
    /// <summary>The canonical name of the person logged on (null: no logon).</summary>
    public string? LogonName { get; }
    /// <summary><see cref="AttributionSources.Logon"/> or <see cref="AttributionSources.Radius"/> (null: no logon).</summary>
    public string? LogonSource { get; }
    /// <summary>The registered device using the address: by its lease, else by its static address.</summary>
    public DeviceEntry? Entry { get; }
    public Device? Device { get; }
    public string? DeviceName { get; }
    /// <summary>A guest device: its traffic counts as unattributed volume even when a login names someone.</summary>
    public bool IsGuest { get; }
    /// <summary>The device is known through a DHCP / RADIUS lease (not only its static address).</summary>
    public bool ViaLease { get; }

    /// <summary>The person whose valid proxy login is the expected case here: the one logged on, else the assigned device's owner.</summary>
    public Person? Expected { get; }
    /// <summary><see cref="Expected"/>'s user name, kept here so the hot path compares it without visiting the person.</summary>
    public string? ExpectedName { get; }
    /// <summary>The attribution of a valid proxy login by <see cref="Expected"/>.</summary>
    public EventAttribution? ExpectedLogin { get; }
    /// <summary>user.name and attribution without a valid proxy login (none, a failed one, or e2guardian's IP).</summary>
    public string? DefaultUser { get; }
    public EventAttribution Default { get; }

    public AddressSituation(Holding? logon, Person? logonPerson, string? logonSource, DeviceEntry? entry, bool viaLease)
    {
        Logon = logon;
        LogonPerson = logonPerson;
        LogonName = logon is null ? null : logonPerson?.UserName ?? logon.Holder;
        LogonSource = logon is null ? null : logonSource;
        Entry = entry;
        Device = entry?.Device;
        DeviceName = Device?.Name;
        ViaLease = viaLease;
        IsGuest = Device?.Kind == DeviceKind.Guest;
        Expected = LogonName is not null ? LogonPerson : Device is { Kind: DeviceKind.Assigned } ? entry!.Owner : null;
        ExpectedName = Expected?.UserName;
        if (Expected is not null)
            ExpectedLogin = Attribute(Expected, AttributionSources.ProxyAuth, Confidence.ProxyAuth, unknownUser: false);
        (DefaultUser, Default) = WithoutLogin(unknownTriedName: false);
    }

    /// <summary><see cref="Default"/> after a failed login with a name the directory does not know (made on first need).</summary>
    public EventAttribution DefaultAfterUnknownTriedName => _defaultAfterUnknownTriedName ??= WithoutLogin(unknownTriedName: true).Attribution;
    private EventAttribution? _defaultAfterUnknownTriedName;

    /// <summary>Without a valid login: the logon in force → the assigned device's owner → nobody.</summary>
    public (string? User, EventAttribution Attribution) WithoutLogin(bool unknownTriedName)
    {
        if (LogonName is not null)
            return (LogonName, Attribute(LogonPerson, LogonSource!, LogonSource == AttributionSources.Logon ? Confidence.Logon : Confidence.Radius,
                unknownTriedName || LogonPerson is null));
        if (Device is { Kind: DeviceKind.Assigned, Owner: { } owner })
        {
            var person = Entry!.Owner;
            var (source, confidence) = ViaLease ? (AttributionSources.Dhcp, Confidence.Dhcp) : (AttributionSources.Device, Confidence.Device);
            return (person?.UserName ?? owner.ToLowerInvariant(), Attribute(person, source, confidence, unknownTriedName || person is null));
        }
        return (null, Nobody(unknownTriedName));
    }

    /// <summary>Nobody named (no evidence, or a logon change within the second the log cannot resolve).</summary>
    public EventAttribution Nobody(bool unknownTriedName) =>
        Attribute(null, AttributionSources.None, Confidence.None, unknownTriedName);

    public EventAttribution Attribute(Person? person, string source, double confidence, bool unknownUser) => new()
    {
        Roles = person?.Roles ?? [],
        GroupName = person?.Group,
        FullName = person?.FullName,
        Source = source,
        Confidence = confidence,
        UnknownUser = unknownUser,
        DeviceName = DeviceName,
    };
}
