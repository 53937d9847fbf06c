using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing.Dns;

/// <summary>
/// url.* for a bare host name (a DNS question, a TLS SNI): the name goes through the URL normalizer as the host of a
/// URL, so url.domain is normalized the same way as for proxy logs and url.registered_domain is computed; there is
/// no scheme, port or path. url.original is the name as logged.
/// </summary>
internal static class DnsName
{
    public static UrlParts ToUrl(string name)
    {
        var trimmed = name.TrimEnd('.');
        if (trimmed.Length == 0 || trimmed.AsSpan().ContainsAny("/?#@ \t[]\\"))
            return new UrlParts { Original = name };
        var parts = SafeUrl.Parse("http://" + trimmed + "/", null);
        if (parts.Domain is null)
        {
            var lower = trimmed.ToLowerInvariant();
            return new UrlParts { Original = name, Domain = lower, DomainUnicode = lower };
        }
        return new UrlParts
        {
            Original = name,
            Domain = parts.Domain,
            DomainUnicode = parts.DomainUnicode,
            RegisteredDomain = parts.RegisteredDomain,
            TopLevelDomain = parts.TopLevelDomain,
        };
    }
}
