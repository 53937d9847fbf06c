using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing;

/// <summary>
/// THE mapping from what a proxy logged to event.action, for every format, in one place. First rule that
/// matches wins:
/// <list type="number">
/// <item>e2guardian flag <c>*DENIED*</c> → denied; <c>*TRUSTED*</c> → trusted (an explicit verdict by the filter).</item>
/// <item>status 407 → auth-required (Squid's TCP_DENIED/407, and a 407 passed through e2guardian's fmt 3).</item>
/// <item>a result code containing DENIED (TCP_DENIED, TCP_DENIED_REPLY) → denied.</item>
/// <item>a result code starting NONE (Squid answered on its own: NONE_NONE/400 invalid request, NONE_NONE/503
///   CONNECT with no upstream) or a URL <c>error:…</c> → error.</item>
/// <item>status 502, 503, 504 → error: gateway errors are produced by the proxy itself (DNS failure, connection
///   refused); a 500 is the origin's own answer and stays allowed.</item>
/// <item>a TCP_TUNNEL result, or a CONNECT answered 2xx → tunnel.</item>
/// <item>otherwise allowed (including 4xx from the origin and client aborts such as TCP_MISS_ABORTED).</item>
/// </list>
/// </summary>
public static class EventActionRules
{
    public static string Decide(ReadOnlySpan<char> e2GuardianFlag, ReadOnlySpan<char> resultCode, int? status,
        ReadOnlySpan<char> method, ReadOnlySpan<char> url)
    {
        if (e2GuardianFlag is "DENIED") return EventActions.Denied;
        if (e2GuardianFlag is "TRUSTED") return EventActions.Trusted;
        if (status == 407) return EventActions.AuthRequired;
        if (resultCode.Contains("DENIED", StringComparison.Ordinal)) return EventActions.Denied;
        if (resultCode.StartsWith("NONE", StringComparison.Ordinal) || url.StartsWith("error:", StringComparison.Ordinal))
            return EventActions.Error;
        if (status is 502 or 503 or 504) return EventActions.Error;
        if (resultCode.StartsWith("TCP_TUNNEL", StringComparison.Ordinal)
            || (method is "CONNECT" && status is >= 200 and < 300))
            return EventActions.Tunnel;
        return EventActions.Allowed;
    }
}
