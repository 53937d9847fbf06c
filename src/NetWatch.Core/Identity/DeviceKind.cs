namespace NetWatch.Core.Identity;

public enum DeviceKind
{
    /// <summary>Anyone may use it (classroom PC, kiosk): attributed only by the logon in force.</summary>
    Shared,
    /// <summary>Issued to one person: attributed to the owner when nothing better is known.</summary>
    Assigned,
    /// <summary>A visitor's device: never attributed to a person.</summary>
    Guest,
    /// <summary>Printers, servers, access points: not a person's traffic.</summary>
    Infrastructure,
}
