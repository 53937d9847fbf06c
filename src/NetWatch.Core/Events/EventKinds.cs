namespace NetWatch.Core.Events;

/// <summary>
/// What an event records: a page view (a request for a URL through a proxy or web filter), a DNS look-up (the name
/// was asked for, not necessarily visited) or a firewall session (a connection, no URL). Each is evidence, kept and
/// searchable; summaries and visits count page views, and the other two apart, so that one visit is never counted
/// twice (its look-up and its request).
/// </summary>
public static class EventKinds
{
    public const string PageView = "page-view";
    public const string DnsLookup = "dns-look-up";
    public const string FirewallSession = "firewall-session";

    public static string Of(NetEvent e) =>
        e.Action == EventActions.DnsQuery ? DnsLookup : string.IsNullOrEmpty(e.Url.Original) ? FirewallSession : PageView;

    public static bool IsPageView(NetEvent e) => Of(e) == PageView;

    /// <summary>The same as <see cref="Of"/> over the store's columns (event_action, url_original), as SQL.</summary>
    public const string Sql = "CASE WHEN event_action = 'dns-query' THEN 'dns-look-up' WHEN url_original = '' THEN 'firewall-session' ELSE 'page-view' END";
}
