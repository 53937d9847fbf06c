using NodaTime;

namespace NetWatch.Core.Identity;

public sealed record AttributionOptions
{
    /// <summary>The wired subnets. DHCP leases there from hardware not in the registry are findings. Empty: every
    /// DHCP lease counts as wired unless its feed says otherwise (RADIUS NAS-Port-Type).</summary>
    public IReadOnlyList<IpNetwork> WiredNetworks { get; init; } = [];
    /// <summary>The zone whose calendar days group the unattributed-volume findings.</summary>
    public DateTimeZone LocalZone { get; init; } = DateTimeZoneProviders.Tzdb["Europe/London"];
}
