using FsCheck;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Storage.Rollups;

namespace NetWatch.Storage.Tests.Rollups;

/// <summary>
/// A session's roll-up count (<see cref="RollupCounter"/>): however its events are split into write calls, the rows are
/// the same, one per period and key, with the sums of that key's events (findings aside), as grouping the events by
/// each table's key readers gives.
/// </summary>
public sealed class RollupCounterTests
{
    /// <summary>The rows as text, one line per row, sorted: period, key values, requests, bytes, first and last.</summary>
    private static List<string> Rows(RollupCounter counter, RollupTable table) =>
        [.. counter.Rows(table).Select(r => Line(r.Key.Hour, Enumerable.Range(0, r.Key.Count).Select(i => r.Key[i]), r.Value.Requests, r.Value.Bytes, r.Value.First, r.Value.Last)).Order(StringComparer.Ordinal)];

    private static string Line(NodaTime.Instant period, IEnumerable<object?> values, long requests, long bytes, NodaTime.Instant first, NodaTime.Instant last) =>
        $"{period} [{string.Join("|", values.Select(Show))}] {requests} {bytes} {first} {last}";

    private static string Show(object? value) => value switch
    {
        null => "null",
        IReadOnlyList<string> list => "[" + string.Join(",", list) + "]",
        _ => "'" + value + "'",
    };

    /// <summary>What the table's rows must be: the events grouped by period and the key columns' values as text.</summary>
    private static List<string> Expected(RollupTable table, IEnumerable<NetEvent> events)
    {
        var readers = table.Keys.Select(k => RollupTables.Reader(k.Name)).ToArray();
        return [.. events.Where(e => e.Finding is null)
            .GroupBy(e => (table.PeriodOf(e.Timestamp), string.Join("|", readers.Select(r => Show(r(e))))))
            .Select(g => Line(g.Key.Item1, readers.Select(r => r(g.First())), g.Count(), g.Sum(e => e.ResponseBytes ?? 0),
                g.Min(e => e.Timestamp), g.Max(e => e.Timestamp)))
            .Order(StringComparer.Ordinal)];
    }

    [Property(MaxTest = 30)]
    public void Events_counted_in_any_split_of_write_calls_give_one_row_per_period_and_key_with_their_sums(PositiveInt seed, PositiveInt[] cuts)
    {
        var events = RollupTests.RandomEvents(seed.Get, 400);
        var counter = new RollupCounter();
        // Random write calls (some empty), the same events whatever the split.
        var at = 0;
        foreach (var cut in cuts.Select(c => c.Get % 150).Append(events.Count))
        {
            var end = Math.Min(events.Count, at + cut);
            counter.Add(events[at..end]);
            at = end;
        }
        foreach (var table in RollupTables.All)
            Assert.Equal(Expected(table, events), Rows(counter, table));
        Assert.Equal(events.Where(e => e.Finding is null).Max(e => RollupWriter.HourOf(e.Timestamp)), counter.NewestHour);
    }

    [Fact]
    public void A_cleared_count_starts_again_from_nothing()
    {
        var counter = new RollupCounter();
        counter.Add(RollupTests.RandomEvents(1, 200));
        counter.Clear();
        Assert.Null(counter.NewestHour);
        Assert.All(RollupTables.All, t => Assert.Empty(counter.Rows(t)));
        var again = RollupTests.RandomEvents(2, 100);
        counter.Add(again);
        foreach (var table in RollupTables.All)
            Assert.Equal(Expected(table, again), Rows(counter, table));
    }

    [Fact]
    public void The_room_a_backlog_session_needed_is_kept_while_sessions_stay_large_and_given_back_when_they_are_small()
    {
        // 20,000 events of distinct people: as many people and sites keys.
        var many = RollupTests.RandomEvents(3, 20_000).Select((e, i) => e with { Finding = null, UserName = $"Person.{i}" }).ToList();
        var counter = new RollupCounter();
        counter.Add(many);
        counter.Clear();
        var room = counter.Room(RollupTables.People);
        Assert.True(room >= 20_000, $"{room}");
        counter.Add(many.Take(8_000).ToList()); // a session still behind: its room kept, nothing grown
        counter.Clear();
        Assert.Equal(room, counter.Room(RollupTables.People));
        counter.Add(many.Take(100).ToList());   // caught up: given back, down to the room always kept
        counter.Clear();
        Assert.True(counter.Room(RollupTables.People) < room / 2, $"{counter.Room(RollupTables.People)} of {room}");
    }
}
