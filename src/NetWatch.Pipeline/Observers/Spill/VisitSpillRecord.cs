using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Pipeline.Observers.Spill;

/// <summary>
/// An evicted visit (<see cref="EvictedVisit"/>) as bytes of a spill file (<see cref="VisitSpillFile"/>), read back as the
/// store would give it: its start and end in whole microseconds (the visits table's timestamps; floored as the store's
/// writer floors them), its personal spans in ticks (personal_time keeps ticks), its strings, categories, first event and
/// the requests its record cannot say (null when it can).
/// </summary>
public static class VisitSpillRecord
{
    public static void Write(BinaryWriter w, Visit v, long[]? requests) => Write(w, v, requests, requests is not null);

    /// <summary>A visit as it stands (an open visit's view: its spans walked, no list), and its requests when
    /// <paramref name="kept"/> (<see cref="EvictedVisit.Requests"/>; none otherwise).</summary>
    public static void Write(BinaryWriter w, IVisitView v, ReadOnlySpan<long> requests, bool kept)
    {
        w.Write(v.Person);
        Nullable(w, v.Role);
        w.Write(v.Domain);
        w.Write(Micros(v.Start));
        w.Write(Micros(v.End));
        w.Write(v.EventCount);
        var categories = v.Categories;
        w.Write(categories.Count);
        for (var i = 0; i < categories.Count; i++) w.Write(categories[i]);
        Nullable(w, v.Verdict);
        Nullable(w, v.PolicyName);
        w.Write((ulong)(v.FirstEventId.Value >> 64));
        w.Write((ulong)v.FirstEventId.Value);
        var spans = 0;
        for (var cursor = 0; v.NextPersonalSpan(ref cursor, out _);) spans++;
        w.Write(spans);
        for (var cursor = 0; v.NextPersonalSpan(ref cursor, out var s);)
        {
            w.Write(s.Start.ToUnixTimeTicks());
            w.Write(s.End.ToUnixTimeTicks());
            w.Write(s.InWorkingHours);
        }
        w.Write(kept ? requests.Length : -1);
        foreach (var r in requests) w.Write(r);
    }

    /// <summary>The record of <paramref name="bytes"/>, its strings made afresh (tests).</summary>
    public static EvictedVisit Read(ReadOnlySpan<byte> bytes) => Read(bytes, null, null, null)!.Value;

    /// <summary>
    /// The record of <paramref name="bytes"/> if it is <paramref name="person"/>'s visit to <paramref name="domain"/> (null
    /// otherwise), those two strings taken as its own (equal: no copy made) and the others from <paramref name="strings"/>
    /// (reloading a visit made a string for each field). Nulls for the key read the record's own strings.
    /// </summary>
    public static EvictedVisit? Read(ReadOnlySpan<byte> bytes, SpillStrings? strings, string? person, string? domain)
    {
        var r = new SpillRecordReader(bytes);
        if (person is null) person = r.String(null);
        else if (!r.StringIs(person)) return null;
        var role = r.NullableString(strings);
        if (domain is null) domain = r.String(null);
        else if (!r.StringIs(domain)) return null;
        var start = Instant.FromUnixTimeTicks(r.Int64() * 10);
        var end = Instant.FromUnixTimeTicks(r.Int64() * 10);
        var count = r.Int32();
        var categoryCount = r.Int32();
        var categories = categoryCount == 0 ? [] : new string[categoryCount];
        for (var i = 0; i < categories.Length; i++) categories[i] = r.String(strings);
        var verdict = r.NullableString(strings);
        var policyName = r.NullableString(strings);
        var high = r.UInt64();
        var firstEvent = new EventId(((UInt128)high << 64) | r.UInt64());
        var spanCount = r.Int32();
        var spans = spanCount == 0 ? [] : new PersonalSpan[spanCount];
        for (var i = 0; i < spans.Length; i++)
            spans[i] = new PersonalSpan(Instant.FromUnixTimeTicks(r.Int64()), Instant.FromUnixTimeTicks(r.Int64()), r.Bool());
        var requestCount = r.Int32();
        long[]? requests = requestCount < 0 ? null : new long[requestCount];
        for (var i = 0; i < requestCount; i++) requests![i] = r.Int64();
        if (!r.AtEnd) throw new InvalidDataException("a visits' spill record has bytes after its last field");
        var visit = new Visit
        {
            Person = person, Role = role, Domain = domain, Start = start, End = end, EventCount = count, Categories = categories,
            Verdict = verdict, PolicyName = policyName, FirstEventId = firstEvent, PersonalTime = spans,
        };
        return new EvictedVisit(visit, requests);
    }

    /// <summary>Its end as <see cref="Read"/> gives it back (whole microseconds): the index of evicted visits keeps it, so that
    /// a visit idle by now is dropped without reading its record.</summary>
    public static Instant StoredEnd(Instant end) => Instant.FromUnixTimeTicks(Micros(end) * 10);

    /// <summary>Whole microseconds, floored (as the store's timestamps: ChunkFiller.Micros).</summary>
    private static long Micros(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return ticks >= 0 ? ticks / 10 : (ticks - 9) / 10;
    }

    private static void Nullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }
}
