using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Contracts.Search;

/// <summary>
/// Which events a search selects. Every member is optional and they combine with AND; text matches are
/// case-insensitive. Callers never build query text: the store translates this record (DuckDB SQL, an
/// Elasticsearch bool query).
/// </summary>
public sealed record EventQuery
{
    /// <summary>@timestamp on or after.</summary>
    public Instant? From { get; init; }
    /// <summary>@timestamp before (exclusive).</summary>
    public Instant? To { get; init; }
    /// <summary>user.name, exact.</summary>
    public string? Person { get; init; }
    /// <summary>source.ip, exact.</summary>
    public string? SourceIp { get; init; }
    /// <summary>url.domain or url.registered_domain, exact ("bbc.co.uk" finds www.bbc.co.uk too).</summary>
    public string? Domain { get; init; }
    /// <summary>Text anywhere in url.original.</summary>
    public string? UrlContains { get; init; }
    /// <summary>netwatch.categories holding any of these.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>netwatch.policy.verdict, exact.</summary>
    public string? Verdict { get; init; }
    /// <summary>netwatch.safeguarding.theme, exact.</summary>
    public string? SafeguardingTheme { get; init; }
    /// <summary>netwatch.safeguarding.severity at least this (1-5); implies a safeguarding match.</summary>
    public int? MinSeverity { get; init; }
    /// <summary>Text within netwatch.search.terms.</summary>
    public string? SearchTermsContain { get; init; }
    /// <summary>event.action, exact (allowed, denied, dns-query, ...).</summary>
    public string? Action { get; init; }
    /// <summary>organization.id: the school the event belongs to.</summary>
    public string? School { get; init; }
    /// <summary>Findings (event.kind alert) instead of observed events; null: both.</summary>
    public bool? Findings { get; init; }
    /// <summary>Only events of this kind (NetWatch.Core.Events.EventKinds: page-view, dns-look-up, firewall-session,
    /// finding): reports count page views apart from the look-ups and sessions that go with them.</summary>
    public string? Kind { get; init; }

    public static readonly EventQuery All = new();
}
