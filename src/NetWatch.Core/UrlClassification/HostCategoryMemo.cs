using NetWatch.Core.Caching;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// What the list sets say about a host alone, remembered by host (<see cref="Events.UrlParts.Domain"/>): logs repeat a
/// few thousand hosts millions of times, and the host's part of a match (a fingerprint walk over its labels and a
/// table probe per label, per list set, then the sets' precedence) is the same for every URL of the host. Bounded:
/// cleared when it holds <see cref="Capacity"/> hosts (a school's day has a few thousand). Thread-safe (the live
/// service's read-ahead classifies beside the pipeline).
/// </summary>
internal sealed class HostCategoryMemo(int capacity)
{
    /// <summary>
    /// The categories of a URL of the host when its path adds nothing (a shared, read-only list), and whether a
    /// <c>urls</c> entry of some list set names the host or a parent domain, so that its URLs must be matched whole.
    /// </summary>
    public sealed record Entry(IReadOnlyList<string> Categories, bool PathMatters);

    private readonly ClearingCache<Entry> _entries = new(capacity);

    public int Capacity => _entries.Capacity;

    public Entry Get(string host, Func<string, Entry> compute)
    {
        if (_entries.TryGet(host, out var entry)) return entry;
        entry = compute(host);
        _entries.Add(host, entry);
        return entry;
    }
}
