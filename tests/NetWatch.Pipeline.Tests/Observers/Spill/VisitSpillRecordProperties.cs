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
        var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) VisitSpillRecord.Write(w, x.Visit, x.Requests);
        stream.Position = 0;
        var back = VisitSpillRecord.Read(new BinaryReader(stream));
        var v = back.Visit;
        return v.Person == x.Visit.Person && v.Role == x.Visit.Role && v.Domain == x.Visit.Domain
            && v.Start == Floored(x.Visit.Start) && v.End == Floored(x.Visit.End) && v.EventCount == x.Visit.EventCount
            && v.Categories.SequenceEqual(x.Visit.Categories) && v.Verdict == x.Visit.Verdict && v.PolicyName == x.Visit.PolicyName
            && v.FirstEventId == x.Visit.FirstEventId && v.PersonalTime.SequenceEqual(x.Visit.PersonalTime)
            && (back.Requests is null ? x.Requests is null : x.Requests is not null && back.Requests.SequenceEqual(x.Requests))
            && stream.Position == stream.Length;
    });
}
