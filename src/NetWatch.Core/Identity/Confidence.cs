namespace NetWatch.Core.Identity;

/// <summary>netwatch.attribution.confidence for each way of naming a person (0 to 1).</summary>
public static class Confidence
{
    /// <summary>Proxy credentials accepted, name in the directory.</summary>
    public const double ProxyAuth = 0.95;
    /// <summary>Proxy credentials accepted, but the name is not in the directory.</summary>
    public const double ProxyAuthUnknownUser = 0.6;
    /// <summary>An interactive Windows logon in force on that computer.</summary>
    public const double Logon = 0.9;
    /// <summary>An 802.1X RADIUS session in force on that address.</summary>
    public const double Radius = 0.85;
    /// <summary>The owner of the assigned device DHCP leased the address to.</summary>
    public const double Dhcp = 0.7;
    /// <summary>The owner of the assigned device registered at that static address.</summary>
    public const double Device = 0.6;
    /// <summary>Proxy credentials of one person used while another is logged on at the keyboard: the logon wins.</summary>
    public const double LogonOverProxy = 0.7;
    public const double None = 0.0;
}
