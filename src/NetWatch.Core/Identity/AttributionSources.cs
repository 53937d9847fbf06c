namespace NetWatch.Core.Identity;

/// <summary>The values of netwatch.attribution.source.</summary>
public static class AttributionSources
{
    public const string ProxyAuth = "proxy-auth";
    public const string Logon = "logon";
    public const string Dhcp = "dhcp";
    public const string Radius = "radius";
    public const string Device = "device";
    public const string None = "none";
}
