using System.Globalization;
using NetWatch.Core.Ecs;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Routes;

/// <summary>
/// The query parameters of an event search, one per <see cref="EventQuery"/> member: from, to, person, ip, domain,
/// url, category (repeatable or comma-separated), verdict, theme, min_severity, search, action, school, findings, kind.
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
        Kind = q.OneOf("kind", EventKinds.PageView, EventKinds.DnsLookup, EventKinds.FirewallSession, EventKinds.Finding),
    };

    /// <summary>The query parameters that <see cref="Read"/> reads back as <paramref name="query"/> (for clients of the API).</summary>
    public static IEnumerable<KeyValuePair<string, string>> ToParameters(EventQuery query)
    {
        KeyValuePair<string, string> P(string name, string value) => new(name, value);
        if (query.From is { } from) yield return P("from", EcsJsonWriter.FormatInstant(from));
        if (query.To is { } to) yield return P("to", EcsJsonWriter.FormatInstant(to));
        if (query.Person is { } person) yield return P("person", person);
        if (query.SourceIp is { } ip) yield return P("ip", ip);
        if (query.Domain is { } domain) yield return P("domain", domain);
        if (query.UrlContains is { } url) yield return P("url", url);
        foreach (var category in query.Categories) yield return P("category", category);
        if (query.Verdict is { } verdict) yield return P("verdict", verdict);
        if (query.SafeguardingTheme is { } theme) yield return P("theme", theme);
        if (query.MinSeverity is { } severity) yield return P("min_severity", severity.ToString(CultureInfo.InvariantCulture));
        if (query.SearchTermsContain is { } search) yield return P("search", search);
        if (query.Action is { } action) yield return P("action", action);
        if (query.School is { } school) yield return P("school", school);
        if (query.Findings is { } findings) yield return P("findings", findings ? "true" : "false");
        if (query.Kind is { } kind) yield return P("kind", kind);
    }
}
