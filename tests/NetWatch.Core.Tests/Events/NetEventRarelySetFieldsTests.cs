using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Tests.Events;

/// <summary>
/// NetEvent keeps the fields a proxy event never sets out of line (RarelySetFields): each reads back what was set,
/// whatever else is set or changed by <c>with</c>, a copy's change does not reach the original, and an event whose
/// rare fields were all set back to null equals one that never had any.
/// </summary>
public class NetEventRarelySetFieldsTests
{
    private static NetEvent Plain() => new()
    {
        Id = new EventId(1), Origin = new EventOrigin("t", 1), Timestamp = Instant.FromUtc(2026, 12, 4, 9, 0),
        Action = EventActions.Allowed, Dataset = "squid.access", ObserverProduct = "squid", Url = UrlParts.Empty,
    };

    private static NetEvent Firewall() => Plain() with
    {
        SourcePort = 5353, DestinationIp = "10.0.0.9", DestinationPort = 443, NetworkTransport = "tcp", SourceBytes = 12,
        DestinationBytes = 3_000_000_000, Fortinet = new FortinetFields(), PfSense = new PfSenseFields(), Dns = new DnsFields { QuestionName = "example.org" },
        E2Guardian = new E2GuardianFields(), Finding = new Finding { Kind = "shared-password", Description = "d", Start = Instant.FromUtc(2026, 12, 4, 8, 0) },
    };

    [Fact]
    public void Each_field_reads_back_what_was_set()
    {
        var e = Firewall();
        Assert.Equal((5353, "10.0.0.9", 443, "tcp", 12L, 3_000_000_000L), (e.SourcePort, e.DestinationIp, e.DestinationPort, e.NetworkTransport, e.SourceBytes, e.DestinationBytes));
        Assert.NotNull(e.Fortinet);
        Assert.NotNull(e.PfSense);
        Assert.NotNull(e.Dns);
        Assert.NotNull(e.E2Guardian);
        Assert.Equal("shared-password", e.Finding!.Kind);
    }

    [Fact]
    public void A_copys_change_does_not_reach_the_original()
    {
        var original = Firewall();
        var copy = original with { DestinationPort = 80, NetworkTransport = null };
        Assert.Equal((443, "tcp"), (original.DestinationPort, original.NetworkTransport));
        Assert.Equal((80, (string?)null), (copy.DestinationPort, copy.NetworkTransport));
        Assert.Equal("10.0.0.9", copy.DestinationIp);
        Assert.NotEqual(original, copy);
        Assert.Equal(original, copy with { DestinationPort = 443, NetworkTransport = "tcp" });
    }

    [Fact]
    public void Set_back_to_null_equals_never_set()
    {
        var cleared = Firewall() with
        {
            SourcePort = null, DestinationIp = null, DestinationPort = null, NetworkTransport = null, SourceBytes = null,
            DestinationBytes = null, Fortinet = null, PfSense = null, Dns = null, E2Guardian = null, Finding = null,
        };
        Assert.Equal(Plain(), cleared);
        Assert.Equal(Plain().GetHashCode(), cleared.GetHashCode());
        Assert.Equal(Plain(), Plain() with { SourcePort = null, Dns = null });
    }
}
