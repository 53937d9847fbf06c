using Microsoft.AspNetCore.Mvc;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Web.Reads;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Web.Pages.Auditor;

/// <summary>
/// The auditor's search as a form: the stated purpose and every filter of the API's event search, dates in the
/// school's zone (to inclusive). The same form gives the store query, the audit record's filters, the link to the
/// API's CSV export of exactly these events, and the links of the next pages.
/// </summary>
public sealed class SearchForm
{
    [FromQuery(Name = "purpose")] public string? Purpose { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "person")] public string? Person { get; set; }
    [FromQuery(Name = "domain")] public string? Domain { get; set; }
    [FromQuery(Name = "url")] public string? Url { get; set; }
    [FromQuery(Name = "category")] public string? Category { get; set; }
    [FromQuery(Name = "search")] public string? Search { get; set; }
    [FromQuery(Name = "verdict")] public string? Verdict { get; set; }
    [FromQuery(Name = "theme")] public string? Theme { get; set; }

    public static readonly string[] Verdicts = ["work", "personal-break", "personal-working-hours", "prohibited", "safeguarding", "unclassified"];

    public bool HasPurpose => !string.IsNullOrWhiteSpace(Purpose);

    /// <summary>The filters filled in, by the API's parameter names, with their labels (for messages).</summary>
    public IReadOnlyList<(string Name, string Label, string Value)> Given() =>
    [.. new (string, string, string?)[]
        {
            ("from", "from", From), ("to", "to", To), ("person", "person", Person), ("domain", "site", Domain), ("url", "URL text", Url),
            ("category", "category", Category), ("search", "search term", Search), ("verdict", "verdict", Verdict), ("theme", "theme", Theme),
        }.Where(f => !string.IsNullOrWhiteSpace(f.Item3)).Select(f => (f.Item1, f.Item2, f.Item3!.Trim()))];

    public EventQuery ToQuery(DateTimeZone zone, string? without = null)
    {
        string? V(string name, string? value) => name == without || string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var from = Display.ParseDate(V("from", From));
        var to = Display.ParseDate(V("to", To));
        return new EventQuery
        {
            From = from is { } f ? Display.StartOf(f, zone) : null,
            To = to is { } t ? Display.StartOf(t.PlusDays(1), zone) : null,
            Person = V("person", Person),
            Domain = V("domain", Domain),
            UrlContains = V("url", Url),
            Categories = V("category", Category) is { } c ? [.. c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : [],
            SearchTermsContain = V("search", Search),
            Verdict = V("verdict", Verdict),
            SafeguardingTheme = V("theme", Theme),
        };
    }

    /// <summary>A date that is not yyyy-MM-dd (a browser without a date picker), for a clear message.</summary>
    public string? BadDate() =>
        new[] { ("from", From), ("to", To) }.Where(d => !string.IsNullOrWhiteSpace(d.Item2) && Display.ParseDate(d.Item2) is null)
            .Select(d => $"'{d.Item1}' must be a date like 2026-11-24, not '{d.Item2}'").FirstOrDefault();

    public PageFilters Filters(string view) =>
        new(Given().ToDictionary(g => g.Name, g => g.Value).Append(new("view", view)).ToDictionary(), Purpose);

    /// <summary>This search's query string (purpose included), plus <paramref name="extra"/>.</summary>
    public string Query(params (string Name, string Value)[] extra) =>
        string.Join("&", new[] { ("purpose", Purpose ?? "") }.Concat(Given().Select(g => (g.Name, g.Value))).Concat(extra)
            .Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));

    /// <summary>The API's streamed CSV export of exactly this search (instants in UTC, as the API reads them).</summary>
    public string ExportLink(DateTimeZone zone)
    {
        var q = ToQuery(zone);
        var parts = new List<(string, string)> { ("format", "csv"), ("purpose", Purpose ?? "") };
        if (q.From is { } f) parts.Add(("from", InstantPattern.ExtendedIso.Format(f)));
        if (q.To is { } t) parts.Add(("to", InstantPattern.ExtendedIso.Format(t)));
        foreach (var (name, _, value) in Given().Where(g => g.Name is not "from" and not "to")) parts.Add((name, value));
        return "/api/events/export?" + string.Join("&", parts.Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));
    }
}
