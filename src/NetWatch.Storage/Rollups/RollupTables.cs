using NetWatch.Core.Events;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// The store's roll-ups, smallest first. <see cref="Events"/> answers dashboards (school, roles, department,
/// categories, verdict, action, kind, safeguarding) in a few hundred rows an hour; <see cref="Sites"/> counts each
/// person's sites by UTC day (who visited a domain over days or weeks, a week's top sites, a person's count);
/// <see cref="People"/> adds categories, verdict, action and kind to the person and the site, by hour (a person's
/// hours, any question off the day), at about a third of the events' rows.
/// Changing a table's columns: bump <see cref="Version"/>, and an existing store rebuilds its roll-ups when it opens;
/// a table added at the same version is created and filled alone (<see cref="RollupBackfill"/>).
/// </summary>
internal static class RollupTables
{
    // 2 (session 12): rollup_sites added, and every table filled in its Order (a store of version 1 counts them again).
    public const string Version = "2";

    public const string Kind = "kind";

    private static readonly RollupColumn School = RollupColumn.Same("organization_id", "VARCHAR");
    private static readonly RollupColumn Categories = RollupColumn.Same("netwatch_categories", "VARCHAR[]");
    private static readonly RollupColumn Verdict = RollupColumn.Same("netwatch_policy_verdict", "VARCHAR");
    private static readonly RollupColumn Action = RollupColumn.Same("event_action", "VARCHAR");
    private static readonly RollupColumn KindColumn = new(Kind, "VARCHAR", EventKinds.Sql);

    public static readonly RollupTable Events = new("rollup_events", RollupGrain.Hour, RollupTable.Hour,
    [
        School, Categories, Verdict, Action, KindColumn,
        RollupColumn.Same("user_roles", "VARCHAR[]"),
        RollupColumn.Same("user_group_name", "VARCHAR"),
        RollupColumn.Same("event_dataset", "VARCHAR"),
        RollupColumn.Same("netwatch_safeguarding_theme", "VARCHAR"),
        RollupColumn.Same("netwatch_safeguarding_severity", "INTEGER"),
    ]);

    /// <summary>
    /// By day, the fewest columns a site's visitors need: 10,000,000 events over 60 days give ~2.7 million people rows in
    /// 30 days, ~516,000 of them google.com's; a person's hours, verdicts and categories on one site fold into one row a day.
    /// </summary>
    public static readonly RollupTable Sites = new("rollup_sites", RollupGrain.Day, "url_registered_domain, hour",
    [
        School,
        RollupColumn.Same("user_name", "VARCHAR"),
        RollupColumn.Same("url_domain", "VARCHAR"),
        RollupColumn.Same("url_registered_domain", "VARCHAR"),
    ]);

    public static readonly RollupTable People = new("rollup_people", RollupGrain.Hour, "user_name, hour",
    [
        School, Categories, Verdict, Action, KindColumn,
        RollupColumn.Same("user_name", "VARCHAR"),
        RollupColumn.Same("url_domain", "VARCHAR"),
        RollupColumn.Same("url_registered_domain", "VARCHAR"),
    ]);

    public static readonly IReadOnlyList<RollupTable> All = [Events, Sites, People];

    /// <summary>The kind column's value of an event as the roll-ups key it: <see cref="EventKinds.Sql"/> over the stored
    /// columns (a null url.original is not a firewall session there, unlike <see cref="EventKinds.Of"/>); findings are not
    /// rolled up.</summary>
    public static string KindOf(NetEvent e) =>
        e.Action == EventActions.DnsQuery ? EventKinds.DnsLookup : e.Url.Original == "" ? EventKinds.FirewallSession : EventKinds.PageView;

    /// <summary>
    /// A key column's reader over an event: the value as the events table stores it (what <see cref="RollupColumn.FromEvents"/>
    /// reads back; RollupTests hold the two to each other). The count reads the same values typed, all at once
    /// (<see cref="RollupEventValues"/>); RollupCounterTests hold its rows to grouping the events by these readers.
    /// </summary>
    public static Func<NetEvent, object?> Reader(string column) => column switch
    {
        "organization_id" => e => e.Organization?.Id,
        "netwatch_categories" => e => e.Classification?.Categories,
        "netwatch_policy_verdict" => e => e.Policy?.Verdict,
        "event_action" => e => e.Action,
        Kind => KindOf,
        "user_roles" => e => e.Attribution?.Roles,
        "user_group_name" => e => e.Attribution?.GroupName,
        "event_dataset" => e => e.Dataset,
        "netwatch_safeguarding_theme" => e => e.Classification?.SafeguardingTheme,
        "netwatch_safeguarding_severity" => e => RollupValues.Boxed(e.Classification?.SafeguardingSeverity),
        "user_name" => e => e.UserName,
        "url_domain" => e => e.Url.Domain,
        "url_registered_domain" => e => e.Url.RegisteredDomain,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a roll-up column"),
    };
}
