using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Observers.Spill;
using NodaTime;

namespace NetWatch.Pipeline.Tests.Observers.Spill;

/// <summary>An evicted visit's spill record (<see cref="VisitSpillRecord"/>) reads back as the store gives the visit back: its
/// start and end floored to whole microseconds (the visits table's timestamps), everything else as written, nulls and empty
/// strings apart, the requests kept or none.</summary>
public class VisitSpillRecordProperties
{
    private static readonly Gen<string?> Text = Gen.Elements<string?>(null, "", "j.smith", "bbc.co.uk", "é ✓ 中文", "personal-break");

    private static Arbitrary<(Visit Visit, long[]? Requests)> Visits =>
        (from person in Gen.Elements("a", "10.0.0.1", "ü.user")
         from role in Text
         from start in Gen.Choose(-1_000_000, 1_000_000).Select(t => Instant.FromUnixTimeTicks(17_000_000_000_000_000L + t * 7L))
         from length in Gen.Choose(0, 5_000_000)
         from count in Gen.Choose(1, 100_000)
         from categories in Gen.Elements("news", "games", "").ArrayOf()
         from verdict in Text
         from policy in Text
         from id in Gen.Choose(0, int.MaxValue)
         from spans in Gen.Choose(0, 3)
         from working in Gen.Elements(false, true)
         from requests in Gen.Choose(-1, 5)
         let end = start + Duration.FromTicks(length)
         select (new Visit
         {
             Person = person, Role = role, Domain = "example.com", Start = start, End = end, EventCount = count,
             Categories = categories, Verdict = verdict, PolicyName = policy, FirstEventId = EventIdentity.Compute("t", id, person),
             PersonalTime = Enumerable.Range(0, spans).Select(k => new PersonalSpan(start + Duration.FromTicks(k * 3), end, working)).ToArray(),
         }, requests < 0 ? null : Enumerable.Range(0, requests).Select(k => start.ToUnixTimeTicks() * 4 + k).ToArray())).ToArbitrary();

    private static Instant Floored(Instant i) => Instant.FromUnixTimeTicks(i.ToUnixTimeTicks() - ((i.ToUnixTimeTicks() % 10) + 10) % 10);

    [Property(MaxTest = 500)]
    public Property A_record_reads_back_as_the_store_gives_the_visit() => Prop.ForAll(Visits, x =>
    {
        var bytes = Written(x.Visit, x.Requests);
        return ReadsBack(VisitSpillRecord.Read(bytes), x.Visit, x.Requests);
    });

    /// <summary>As the reload reads it: the key's strings given (the record's are not made), the others from a pool shared
    /// across records; another key's record is not given back.</summary>
    [Property(MaxTest = 500)]
    public Property A_record_read_for_its_key_with_shared_strings_reads_back_the_same() => Prop.ForAll(Visits, Visits, (x, y) =>
    {
        var strings = new SpillStrings();
        var first = VisitSpillRecord.Read(Written(y.Visit, y.Requests), strings, y.Visit.Person, y.Visit.Domain);
        var bytes = Written(x.Visit, x.Requests);
        var back = VisitSpillRecord.Read(bytes, strings, x.Visit.Person, x.Visit.Domain);
        return first is not null && back is { } b && ReadsBack(b, x.Visit, x.Requests)
            && ReferenceEquals(b.Visit.Person, x.Visit.Person) && ReferenceEquals(b.Visit.Domain, x.Visit.Domain)
            && VisitSpillRecord.Read(bytes, strings, x.Visit.Person + "x", x.Visit.Domain) is null
            && VisitSpillRecord.Read(bytes, strings, x.Visit.Person, "other.org") is null;
    });

    private static byte[] Written(Visit visit, long[]? requests)
    {
        var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) VisitSpillRecord.Write(w, visit, requests);
        return stream.ToArray();
    }

    private static bool ReadsBack(EvictedVisit back, Visit x, long[]? requests)
    {
        var v = back.Visit;
        return v.Person == x.Person && v.Role == x.Role && v.Domain == x.Domain
            && v.Start == Floored(x.Start) && v.End == Floored(x.End) && v.EventCount == x.EventCount
            && v.End == VisitSpillRecord.StoredEnd(x.End)
            && v.Categories.SequenceEqual(x.Categories) && v.Verdict == x.Verdict && v.PolicyName == x.PolicyName
            && v.FirstEventId == x.FirstEventId && v.PersonalTime.SequenceEqual(x.PersonalTime)
            && (back.Requests is null ? requests is null : requests is not null && back.Requests.SequenceEqual(requests));
    }
}
