using NodaTime;

namespace NetWatch.Core.Visits;

/// <summary>
/// Which (person, domain) keys had an open visit left to the store (<see cref="VisitAggregator.Evict"/>) that a later request
/// may still continue: a bounded record, so that the budget it serves holds however fast visits come. Keys go into a Bloom
/// filter of a fixed size per generation; a generation holds the visits that end within one idle gap of event time
/// (end / gap), and is dropped once the watermark is a gap past its last possible end (each of its visits would have closed
/// idle by then, and the aggregator closes, rather than continues, a visit idle at the watermark). So at most about three
/// generations live. A filter says "maybe" for some keys never evicted (the store is asked in vain), never "no" for one
/// evicted. The visits whose stored record cannot rebuild their requests (<see cref="EvictedVisit.Requests"/>: a few
/// longs each, against ~450 bytes for an open visit) keep them here, by key, start and end.
/// </summary>
public sealed class EvictedVisits(Duration idleGap, int filterBits)
{
    private const int Probes = 3;
    private readonly long _gapTicks = idleGap.BclCompatibleTicks;
    private readonly List<Generation> _generations = [];
    /// <summary>The bits of the last generation dropped, cleared, for the next one: a generation's filter is a few MB (7 MB
    /// under 1GB), a new one every idle gap of event time, on the large object heap (a backlog of five school days made ~84
    /// of them, 560 MB). One is kept, no more: by the time a generation is dropped the watermark has passed its bucket and
    /// the next, so the others live are at most two, and three with the spare are within the filter's share.</summary>
    private ulong[]? _spareBits;

    private sealed class Generation(long bucket, ulong[] bits)
    {
        public readonly long Bucket = bucket;
        public readonly ulong[] Bits = bits;
        public Dictionary<long, (Instant Start, Instant End, long[] Requests)>? Details;
    }

    private ulong[] NewBits()
    {
        var bits = _spareBits ?? new ulong[Math.Max(1, (filterBits + 63) / 64)];
        _spareBits = null;
        return bits;
    }

    /// <summary>True when no key is held (nothing evicted, or every eviction expired).</summary>
    public bool IsEmpty => _generations.Count == 0;

    public void Add(EvictedVisit visit)
    {
        var bucket = BucketOf(visit.End);
        var generation = _generations.Find(g => g.Bucket == bucket);
        if (generation is null) _generations.Add(generation = new Generation(bucket, NewBits()));
        var bits = generation.Bits;
        var m = (ulong)bits.Length * 64;
        for (var p = 0; p < Probes; p++)
        {
            var i = Index(visit.Key, p, m);
            bits[i >> 6] |= 1UL << (int)(i & 63);
        }
        // An earlier eviction's requests are stale (the visit came back and may have changed without moving its ends).
        foreach (var g in _generations) g.Details?.Remove(visit.Key);
        if (visit.Requests is { } requests) (generation.Details ??= [])[visit.Key] = (visit.Start, visit.End, requests);
    }

    /// <summary>Drops the generations whose every visit is idle at <paramref name="watermark"/> (ends before watermark - gap).</summary>
    public void Expire(Instant watermark)
    {
        var ticks = watermark.ToUnixTimeTicks();
        for (var i = _generations.Count - 1; i >= 0; i--)
        {
            if ((_generations[i].Bucket + 2) * _gapTicks > ticks) continue;
            Array.Clear(_generations[i].Bits);
            _spareBits = _generations[i].Bits;
            _generations.RemoveAt(i);
        }
    }

    /// <summary>Whether a visit of this key may have been evicted (false: surely not).</summary>
    public bool MayHold(long key)
    {
        foreach (var g in _generations)
        {
            var m = (ulong)g.Bits.Length * 64;
            var p = 0;
            for (; p < Probes; p++)
            {
                var i = Index(key, p, m);
                if ((g.Bits[i >> 6] & (1UL << (int)(i & 63))) == 0) break;
            }
            if (p == Probes) return true;
        }
        return false;
    }

    /// <summary>The requests kept for the evicted visit of this key with this start and end, if any, taken (the visit is
    /// back in memory: when it is evicted again it says its requests then).</summary>
    public long[]? TakeRequests(long key, Instant start, Instant end)
    {
        foreach (var g in _generations)
            if (g.Details is { } details && details.Remove(key, out var d))
                return d.Start == start && d.End == end ? d.Requests : null;
        return null;
    }

    /// <summary>floor(end / gap), in whole ticks (a double would round them).</summary>
    private long BucketOf(Instant end)
    {
        var ticks = end.ToUnixTimeTicks();
        var bucket = ticks / _gapTicks;
        return ticks % _gapTicks < 0 ? bucket - 1 : bucket;
    }

    /// <summary>The filter's <paramref name="probe"/>th bit index for a key: double hashing of its two halves (Kirsch-Mitzenmacher).</summary>
    private static ulong Index(long key, int probe, ulong m)
    {
        var h1 = (ulong)key & 0xffffffffUL;
        var h2 = ((ulong)key >> 32) | 1;
        return (h1 + (ulong)probe * h2) % m;
    }
}
