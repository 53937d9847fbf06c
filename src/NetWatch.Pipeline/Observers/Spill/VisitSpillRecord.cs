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
    public static void Write(BinaryWriter w, Visit v, long[]? requests)
    {
        w.Write(v.Person);
        Nullable(w, v.Role);
        w.Write(v.Domain);
        w.Write(Micros(v.Start));
        w.Write(Micros(v.End));
        w.Write(v.EventCount);
        w.Write(v.Categories.Count);
        foreach (var c in v.Categories) w.Write(c);
        Nullable(w, v.Verdict);
        Nullable(w, v.PolicyName);
        w.Write((ulong)(v.FirstEventId.Value >> 64));
        w.Write((ulong)v.FirstEventId.Value);
        w.Write(v.PersonalTime.Count);
        foreach (var s in v.PersonalTime)
        {
            w.Write(s.Start.ToUnixTimeTicks());
            w.Write(s.End.ToUnixTimeTicks());
            w.Write(s.InWorkingHours);
        }
        w.Write(requests?.Length ?? -1);
        if (requests is not null) foreach (var r in requests) w.Write(r);
    }

    public static EvictedVisit Read(BinaryReader r)
    {
        var person = r.ReadString();
        var role = ReadNullable(r);
        var domain = r.ReadString();
        var start = Instant.FromUnixTimeTicks(r.ReadInt64() * 10);
        var end = Instant.FromUnixTimeTicks(r.ReadInt64() * 10);
        var count = r.ReadInt32();
        var categories = new string[r.ReadInt32()];
        for (var i = 0; i < categories.Length; i++) categories[i] = r.ReadString();
        var verdict = ReadNullable(r);
        var policyName = ReadNullable(r);
        var high = r.ReadUInt64();
        var firstEvent = new EventId(((UInt128)high << 64) | r.ReadUInt64());
        var spans = new PersonalSpan[r.ReadInt32()];
        for (var i = 0; i < spans.Length; i++)
            spans[i] = new PersonalSpan(Instant.FromUnixTimeTicks(r.ReadInt64()), Instant.FromUnixTimeTicks(r.ReadInt64()), r.ReadBoolean());
        var requestCount = r.ReadInt32();
        long[]? requests = requestCount < 0 ? null : new long[requestCount];
        for (var i = 0; i < requestCount; i++) requests![i] = r.ReadInt64();
        var visit = new Visit
        {
            Person = person, Role = role, Domain = domain, Start = start, End = end, EventCount = count, Categories = categories,
            Verdict = verdict, PolicyName = policyName, FirstEventId = firstEvent, PersonalTime = spans,
        };
        return new EvictedVisit(visit, requests);
    }

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

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
