namespace NetWatch.Core.Events;

/// <summary>
/// url.*: the URL as logged and its parts. Domain is lower-case ASCII (punycode for IDN);
/// DomainUnicode is the same name in Unicode (equal to Domain when not IDN). Port is the effective port.
/// For CONNECT host:443, Scheme is null and Path is null.
/// </summary>
public sealed record UrlParts
{
    public static readonly UrlParts Empty = new() { Original = "" };

    /// <summary>url.original</summary>
    public required string Original { get; init; }
    /// <summary>url.scheme</summary>
    public string? Scheme { get; init; }
    /// <summary>url.domain (ASCII/punycode, lower-case, no trailing dot; IPv6 without brackets)</summary>
    public string? Domain { get; init; }
    /// <summary>The Unicode form of url.domain (not an ECS field; exported as netwatch.url.domain_unicode when it differs)</summary>
    public string? DomainUnicode { get; init; }
    /// <summary>url.port</summary>
    public int? Port { get; init; }
    /// <summary>url.path</summary>
    public string? Path { get; init; }
    /// <summary>url.query (without the '?')</summary>
    public string? Query { get; init; }
    /// <summary>url.registered_domain (Public Suffix List)</summary>
    public string? RegisteredDomain { get; init; }
    /// <summary>url.top_level_domain (the public suffix)</summary>
    public string? TopLevelDomain { get; init; }
}
