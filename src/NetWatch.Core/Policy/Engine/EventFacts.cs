using NetWatch.Core.Events;

namespace NetWatch.Core.Policy.Engine;

/// <summary>What the rules look at, gathered once per event.</summary>
internal readonly record struct EventFacts(
    ulong CategoryMask, bool HasCategories, bool HasSafeguardingTheme, PeriodKind Period, int RoleIndex, RoleKind RoleKind);

/// <summary>Which allow-lists the event's URL is on, computed on first use (most events never need it).</summary>
internal struct AllowMatches(AllowListIndex lists, UrlParts url)
{
    uint _mask;
    bool _done;

    public uint Get()
    {
        if (!_done) { _mask = lists.Match(url); _done = true; }
        return _mask;
    }
}
