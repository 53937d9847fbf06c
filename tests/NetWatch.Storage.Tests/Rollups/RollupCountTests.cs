using FsCheck;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Storage.Rollups;

namespace NetWatch.Storage.Tests.Rollups;

/// <summary>
/// The one-pass count of a batch into every roll-up (<see cref="RollupCount"/>) against the plainest count there is: each
/// table's events grouped by their period and their key columns' values written out as text.
/// </summary>
public sealed class RollupCountTests
{
    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => "s:" + s,
        int i => "i:" + i,
        IReadOnlyList<string> list => "l:" + string.Join("\u0001", list) + "|" + list.Count,
        _ => throw new ArgumentException(value.GetType().Name),
    };

    private static List<string> Rows(IEnumerable<(long Period, string Key, long Requests, long Bytes, long First, long Last)> rows) =>
        [.. rows.Select(r => $"{r.Period} {r.Key} {r.Requests} {r.Bytes} {r.First} {r.Last}").Order(StringComparer.Ordinal)];

    [Property(MaxTest = 30)]
    public void Every_tables_rows_are_the_events_grouped_by_period_and_key(PositiveInt seed, PositiveInt size)
    {
        var events = RollupTests.RandomEvents(seed.Get, size.Get % 500);
        var counted = RollupCount.All(events);
        for (var t = 0; t < RollupTables.All.Count; t++)
        {
            var table = RollupTables.All[t];
            var readers = table.Keys.Select(k => RollupTables.Reader(k.Name)).ToArray();
            var expected = events.Where(e => e.Finding is null)
                .GroupBy(e => (Period: table.PeriodOf(e.Timestamp), Key: string.Join("\u0002", readers.Select(r => Text(r(e))))))
                .Select(g => (g.Key.Period.ToUnixTimeTicks(), g.Key.Key, (long)g.Count(), g.Sum(e => e.ResponseBytes ?? 0),
                    g.Min(e => e.Timestamp).ToUnixTimeTicks(), g.Max(e => e.Timestamp).ToUnixTimeTicks()));
            var actual = counted[t].Values.Select(g => (g.Hour.ToUnixTimeTicks(), string.Join("\u0002", g.Key.Select(Text)), g.Requests, g.Bytes,
                g.First.ToUnixTimeTicks(), g.Last.ToUnixTimeTicks()));
            Assert.Equal(Rows(expected), Rows(actual));
            Assert.All(counted[t], p => Assert.Equal(RollupKeyComparer.Of(p.Key.Hour, p.Key.Values).Hash, p.Key.Hash));
        }
    }
}
