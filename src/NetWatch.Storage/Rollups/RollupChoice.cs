using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Which roll-up, if any, answers a question exactly as the events would: every filter and the dimension are its
/// columns, the time range and the buckets start and end on its periods (whole UTC hours: a local day, week or term of
/// a zone whose offsets are whole hours does; whole UTC days for a table of days), and nothing asks for text inside
/// URLs or search terms, a source address, or findings only. Findings are not rolled up: when the question counts them too, the caller adds them from events.
/// </summary>
internal static class RollupChoice
{
    public static RollupTable? For(EventQuery filter, AggregateDimension by, IEnumerable<Instant> boundaries)
    {
        if (filter.SourceIp is not null || filter.UrlContains is not null || filter.SearchTermsContain is not null || filter.Findings == true)
            return null;
        var bounds = boundaries.ToList();
        if (filter.From is { } from) bounds.Add(from);
        if (filter.To is { } to) bounds.Add(to);
        var needed = Columns(filter).Concat(Columns(by)).ToList();
        // A table of days answers only when every bound is a UTC midnight (a range of whole UTC days, or London's in winter).
        var answering = RollupTables.All.Where(t => needed.All(t.Has) && bounds.All(t.Starts)).ToList();
        // The smallest, unless a larger one is sorted by a column the filter names (a person's questions: rollup_people,
        // whose person's rows lie in a few row groups: 5 against 105 ms CPU for a person's count over 30 days of 10M events).
        var filtered = Columns(filter).ToHashSet();
        return answering.FirstOrDefault(t => filtered.Contains(t.SortedBy)) ?? answering.FirstOrDefault();
    }

    public static bool OnHour(Instant t) => t.ToUnixTimeTicks() % NodaConstants.TicksPerHour == 0;

    private static IEnumerable<string> Columns(EventQuery f)
    {
        if (f.Person is not null) yield return "user_name";
        if (f.Domain is not null) { yield return "url_domain"; yield return "url_registered_domain"; }
        if (f.Categories.Count > 0) yield return "netwatch_categories";
        if (f.Verdict is not null) yield return "netwatch_policy_verdict";
        if (f.SafeguardingTheme is not null) yield return "netwatch_safeguarding_theme";
        if (f.MinSeverity is not null) yield return "netwatch_safeguarding_severity";
        if (f.Action is not null) yield return "event_action";
        if (f.School is not null) yield return "organization_id";
        if (f.Kind is not null) yield return RollupTables.Kind;
    }

    private static IEnumerable<string> Columns(AggregateDimension by) => by switch
    {
        AggregateDimension.None => [],
        AggregateDimension.Role or AggregateDimension.PersonRole => ["user_roles"],
        AggregateDimension.Group => ["user_group_name"],
        AggregateDimension.Category => ["netwatch_categories"],
        AggregateDimension.Verdict => ["netwatch_policy_verdict"],
        AggregateDimension.RegisteredDomain => ["url_domain", "url_registered_domain"],
        AggregateDimension.Person => ["user_name"],
        AggregateDimension.Action => ["event_action"],
        AggregateDimension.SafeguardingTheme => ["netwatch_safeguarding_theme"],
        AggregateDimension.School => ["organization_id"],
        AggregateDimension.Dataset => ["event_dataset"],
        AggregateDimension.Kind => [RollupTables.Kind],
        _ => ["(unknown)"],
    };
}
