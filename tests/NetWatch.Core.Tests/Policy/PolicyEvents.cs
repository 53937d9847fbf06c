using NetWatch.Core.Events;
using NetWatch.Core.Urls;
using NodaTime;

namespace NetWatch.Core.Tests.Policy;

/// <summary>Builds NetEvents as the pipeline would hand them to the policy stage (after classification and attribution).</summary>
public static class PolicyEvents
{
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static Instant Local(int y, int mo, int d, int h, int mi, int s = 0) =>
        London.AtLeniently(new LocalDateTime(y, mo, d, h, mi, s)).ToInstant();

    public static NetEvent Make(Instant at, string url, string[] categories, string? role = "staff",
        string? theme = null, string user = "j.smith")
    {
        var parts = UrlNormalizer.Parse(url);
        return new NetEvent
        {
            Id = EventIdentity.Compute("test", 1, url),
            Origin = new EventOrigin("test", 1),
            Timestamp = at,
            Action = EventActions.Allowed,
            Dataset = "squid.access",
            ObserverProduct = "squid",
            UserName = user,
            SourceUserName = user,
            Url = parts with { RegisteredDomain = RegisteredDomainOf(parts.Domain) },
            Classification = new Classification { Categories = categories, SafeguardingTheme = theme },
            Attribution = role is null ? null : new Attribution { Roles = [role], Source = "proxy-auth", Confidence = 1 },
        };
    }

    // good enough for the test hosts (no multi-label suffix other than .co.uk / .org.uk)
    static string? RegisteredDomainOf(string? host)
    {
        if (host is null) return null;
        var labels = host.Split('.');
        var take = host.EndsWith(".co.uk") || host.EndsWith(".org.uk") ? 3 : 2;
        return string.Join('.', labels.TakeLast(Math.Min(take, labels.Length)));
    }
}
