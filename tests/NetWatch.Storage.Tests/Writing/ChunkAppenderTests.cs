using FsCheck.Fluent;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// The events appended through DuckDB data chunks filled in place (<see cref="ChunkAppender"/>) read back as written
/// across chunk boundaries (a chunk holds <see cref="ChunkAppender.Capacity"/> rows), whatever the strings (inlined up to
/// 12 bytes, longer ones pointing at native memory, very long ones allocated alone) and however long the lists.
/// EcsCatalogStoreTests holds each column's value for one event at a time.
/// </summary>
public sealed class ChunkAppenderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Thousands_of_random_events_in_one_write_read_back_as_written()
    {
        var events = EcsTestEvents.Events.Sample(5_000, 20)
            .Select((e, i) => e with { Id = new EventId((UInt128)(i + 1)) }).ToArray();
        Assert.True(events.Length > 2 * ChunkAppender.Capacity, $"{events.Length} events: too few to cross chunks");

        var read = WriteAndReadBack(events);

        foreach (var e in events)
        {
            var differences = EcsTestEvents.Differences(e, read[e.Id]);
            Assert.True(differences.Count == 0, $"event {e.Id}: " + string.Join("; ", differences));
        }
    }

    [Fact]
    public void Strings_either_side_of_the_inline_length_long_strings_and_long_lists_read_back_as_written()
    {
        string[] texts =
        [
            "", "a", "abcdefghijk", "abcdefghijkl", "abcdefghijklm", "éééééé", "ééééééé", "中中中中", "中中中中中", "😀😀😀",
            "😀😀😀😀", new string('x', 5_000), "a\u00e9\u4e2d\ud83d\ude00 mixed text that is longer",
        ];
        var events = new List<NetEvent>();
        for (var i = 0; i < 3 * ChunkAppender.Capacity + 17; i++)
        {
            var text = texts[i % texts.Length];
            var e = TestEvents.Minimal(i + 1);
            events.Add(e with
            {
                UserName = i % 3 == 0 ? null : text,
                Url = e.Url with { Query = text, Path = i % 2 == 0 ? text : null },
                Classification = i % 5 == 0 ? null : new Classification
                {
                    // one event's list alone is longer than a chunk's rows; most are short, some empty
                    Categories = i == 1_001 ? Enumerable.Range(0, 3_000).Select(n => "category-" + n).ToArray()
                        : Enumerable.Range(0, i % 4).Select(n => texts[(i + n) % texts.Length]).ToArray(),
                    SafeguardingTheme = i % 7 == 0 ? null : "self-harm", // a score is kept with a theme only
                    SafeguardingScore = i % 7 == 0 ? null : i / 10.0,
                },
                Attribution = i % 2 == 0 ? null : new Attribution { Source = text, Roles = [text], UnknownUser = i % 4 == 1 },
            });
        }
        // one string longer than a quarter of a string block: allocated on its own
        events[2_500] = events[2_500] with { UserAgent = new string('y', 300_000) };

        var read = WriteAndReadBack(events);

        foreach (var e in events)
        {
            var differences = EcsTestEvents.Differences(e, read[e.Id]);
            Assert.True(differences.Count == 0, $"event {e.Id}: " + string.Join("; ", differences));
        }
        Assert.Equal(3_000, read[events[1_001].Id].Classification!.Categories.Count);
    }

    [Fact]
    public void A_timestamp_is_stored_as_microseconds_rounded_down()
    {
        var at = Instant.FromUnixTimeTicks(17_649_000_000_000_005); // 0.5 microseconds past a microsecond
        Assert.Equal(1_764_900_000_000_000, ChunkAppender.Micros(at));
        Assert.Equal(-1, ChunkAppender.Micros(Instant.FromUnixTimeTicks(-1)));
        Assert.Equal(-1, ChunkAppender.Micros(Instant.FromUnixTimeTicks(-10)));
        Assert.Equal(-2, ChunkAppender.Micros(Instant.FromUnixTimeTicks(-11)));
    }

    private Dictionary<EventId, NetEvent> WriteAndReadBack(IReadOnlyList<NetEvent> events)
    {
        using var store = DuckDbStore.Open(_dir.Path);
        using (var session = store.Writer.Begin())
        {
            var result = session.WriteEventsAsync(events, CancellationToken.None).GetAwaiter().GetResult();
            Assert.Empty(result.Rejected);
            Assert.Equal(events.Count, result.New.Count);
            session.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        var read = store.Search.StreamAsync(EventQuery.All, CancellationToken.None).ToBlockingEnumerable().ToList();
        Assert.Equal(events.Count, read.Count);
        return read.ToDictionary(e => e.Id);
    }

    public void Dispose() => _dir.Dispose();
}
