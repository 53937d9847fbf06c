using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Routes;

/// <summary>
/// The query parameters of an event search, one per <see cref="EventQuery"/> member: from, to, person, ip, domain,
/// url, category (repeatable or comma-separated), verdict, theme, min_severity, search, action, school, findings.
/// </summary>
public static class EventFilters
{
    public static EventQuery Read(QueryReader q) => new()
    {
        From = q.Instant("from"),
        To = q.Instant("to"),
        Person = q.String("person"),
        SourceIp = q.String("ip"),
        Domain = q.String("domain"),
        UrlContains = q.String("url"),
        Categories = q.List("category"),
        Verdict = q.String("verdict"),
        SafeguardingTheme = q.String("theme"),
        MinSeverity = q.Int("min_severity", 1, 5),
        SearchTermsContain = q.String("search"),
        Action = q.String("action"),
        School = q.String("school"),
        Findings = q.Bool("findings"),
    };
}
