namespace NetWatch.Core.Events;

/// <summary>
/// What an event records: a page view (a request for a URL through a proxy or web filter), a DNS look-up (the name
/// was asked for, not necessarily visited), a firewall session (a connection, no URL), or a finding of NetWatch's
/// own (event.kind alert, e.g. a shared password). Each is evidence, kept and
/// searchable; summaries and visits count page views, and the other two apart, so that one visit is never counted
/// twice (its look-up and its request).
/// </summary>
public static class EventKinds
{
    public const string PageView = "page-view";
    public const string DnsLookup = "dns-look-up";
    public const string FirewallSession = "firewall-session";
    public const string Finding = "finding";

    public static string Of(NetEvent e) =>
        e.Finding is not null ? Finding
        : e.Action == EventActions.DnsQuery ? DnsLookup
        : string.IsNullOrEmpty(e.Url.Original) ? FirewallSession
        : PageView;

    public static bool IsPageView(NetEvent e) => Of(e) == PageView;

    /// <summary>The same as <see cref="Of"/> over the store's columns (netwatch_finding, event_action, url_original), as SQL.</summary>
    public const string Sql = "CASE WHEN netwatch_finding IS NOT NULL THEN 'finding' WHEN event_action = 'dns-query' THEN 'dns-look-up' "
        + "WHEN url_original = '' THEN 'firewall-session' ELSE 'page-view' END";
}
