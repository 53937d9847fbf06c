using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing.Fortigate;

/// <summary>
/// FortiOS's <c>action</c> to event.action. Web filter: <c>passthrough</c> → allowed, <c>blocked</c> → denied
/// (<c>eventtype=ftgd_blk</c> also means a block). Traffic: <c>deny</c> → denied; <c>accept</c>, <c>close</c>,
/// <c>timeout</c>, <c>server-rst</c>, <c>client-rst</c> (a session that was allowed and then ended) → allowed;
/// <c>ip-conn</c> (the connection failed) → error. Anything else FortiOS logs is taken as allowed.
/// </summary>
internal static class FortigateActions
{
    public static string Decide(ReadOnlySpan<char> action, ReadOnlySpan<char> eventType) => action switch
    {
        "blocked" or "block" or "deny" or "dropped" or "drop" or "reset" or "reject" => EventActions.Denied,
        "ip-conn" => EventActions.Error,
        _ when eventType is "ftgd_blk" => EventActions.Denied,
        _ => EventActions.Allowed,
    };
}
