using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Visits;
using NetWatch.Storage.Visits;
using NodaTime;

namespace NetWatch.Storage.Tests.Visits;

/// <summary>The hand-written personal_time JSON is the text JsonSerializer wrote before it (stored values unchanged), and reads back.</summary>
public class PersonalTimeJsonTests
{
    private static readonly Gen<PersonalSpan> Span =
        from start in Gen.Choose(-1_000_000, int.MaxValue).Select(s => (long)s * 10_000_019L)
        from length in Gen.Choose(0, 100_000_000)
        from working in Gen.Elements(true, false)
        select new PersonalSpan(Instant.FromUnixTimeTicks(start), Instant.FromUnixTimeTicks(start + length), working);

    private static string? Serializer(IReadOnlyList<PersonalSpan> spans) =>
        spans.Count == 0 ? null : JsonSerializer.Serialize(spans.Select(s => new object[] { s.Start.ToUnixTimeTicks(), s.End.ToUnixTimeTicks(), s.InWorkingHours }));

    /// <summary>A visit with these personal spans (what the writer reads them from).</summary>
    private static IVisitView Holding(IReadOnlyList<PersonalSpan> spans) => new Visit
    {
        Person = "p", Domain = "d", Start = Instant.MinValue, End = Instant.MaxValue, EventCount = 1, Categories = [],
        FirstEventId = new Core.Events.EventId(1), PersonalTime = spans,
    };

    /// <summary>The JSON as the visits table stores it (null when there is no personal time), as text.</summary>
    private static string? Write(IReadOnlyList<PersonalSpan> spans)
    {
        if (spans.Count == 0) return null;
        var bytes = new byte[PersonalTimeJson.MaxBytes(spans.Count)];
        return System.Text.Encoding.UTF8.GetString(bytes, 0, PersonalTimeJson.WriteUtf8(Holding(spans), bytes));
    }

    [Property(MaxTest = 1000)]
    public Property Writes_what_JsonSerializer_wrote_and_reads_it_back() => Prop.ForAll(Span.ListOf().ToArbitrary(), spans =>
    {
        var json = Write(spans);
        return json == Serializer(spans) && PersonalTimeJson.Read(json).SequenceEqual(spans);
    });

    [Fact]
    public void The_longest_ticks_fit_in_the_room_reserved_for_them()
    {
        // The visits write reserves MaxBytes in the chunk's string memory and the writer must stay within it.
        PersonalSpan Extreme(bool working) => new(Instant.MinValue, Instant.MaxValue, working);
        IReadOnlyList<PersonalSpan> spans = [Extreme(false), Extreme(true), Extreme(false)];
        var room = new byte[PersonalTimeJson.MaxBytes(spans.Count)];
        var length = PersonalTimeJson.WriteUtf8(Holding(spans), room);
        Assert.Equal(Serializer(spans), System.Text.Encoding.UTF8.GetString(room, 0, length));
    }

    [Fact]
    public void Writes_arrays_of_ticks_and_flags() =>
        Assert.Equal("[[1,2,false],[-3,4,true]]", Write(
            [new(Instant.FromUnixTimeTicks(1), Instant.FromUnixTimeTicks(2), false), new(Instant.FromUnixTimeTicks(-3), Instant.FromUnixTimeTicks(4), true)]));
}
