using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// A table function's rows on several of DuckDB's threads (<see cref="RowsInsert{TRow}"/>'s lanes, an insert that keeps no
/// order): every row once, whatever number of threads DuckDB runs the function on (fewer than asked: the lanes it runs
/// take every unit); a failure in any lane's fill fails the statement and the transaction keeps nothing of it.
/// </summary>
public sealed class ParallelRowsInsertTests : IDisposable
{
    private const string Narrow = EventTables.Narrow;
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");
    private readonly RowsInsert<NetEvent> _insert;

    public ParallelRowsInsertTests()
    {
        _connection.Open();
        foreach (var statement in StoreSchema.Statements) _connection.Execute(statement);
        EventTableMigration.Apply(_connection);
        _connection.Execute("SET preserve_insertion_order = false");
        // The catalogue's columns from the function, the owed session's (EventTables.OwedColumn) none.
        _insert = RowsInsert<NetEvent>.Register(_connection, Narrow, "event", EventRowWriter.AppendNarrow, EventTables.NarrowFields.Count);
        _insert.Appended = ", NULL::BIGINT";
    }

    [Theory]
    [InlineData(2, 2, 1000)]           // units under a chunk: a chunk holds rows of several units
    [InlineData(2, 2, 2048)]           // a chunk a unit
    [InlineData(4, 2, 5000)]           // more lanes than DuckDB's threads
    [InlineData(1, 3, 777)]            // DuckDB on one thread: one lane takes every unit
    [InlineData(3, 3, 1_000_000)]      // one unit for all: one lane has rows, the others none
    public void Every_row_is_stored_once_whatever_the_threads_and_units(int duckdbThreads, int threads, int unit)
    {
        _connection.Execute($"SET threads = {duckdbThreads}");
        var events = Enumerable.Range(0, 5 * ChunkFiller.Capacity + 17)
            .Select(i => TestEvents.Minimal(i + 1, user: i % 3 == 0 ? null : "user-with-a-long-name-" + i)).ToList();

        _insert.Insert(Narrow, events, 3, events.Count - 5, threads, unit);

        var expected = events.Skip(3).Take(events.Count - 5).ToList();
        Assert.Equal(expected.Select(e => e.Origin.LineNumber), _connection.Column<long>("SELECT origin_line FROM events_narrow ORDER BY origin_line"));
        Assert.Equal(expected.Select(e => e.UserName), _connection.Column<string?>("SELECT user_name FROM events_narrow ORDER BY origin_line"));
        // the function is used again: its lanes start afresh
        _insert.Insert(Narrow, events, 0, 3, threads, unit);
        Assert.Equal(events.Count - 2, _connection.Column<long>("SELECT origin_line FROM events_narrow").Count);
    }

    [Fact]
    public void A_failure_in_one_lane_fails_the_statement_and_the_transaction_keeps_nothing_of_it()
    {
        _connection.Execute("SET threads = 2");
        _insert.Insert(Narrow, [TestEvents.Minimal(1)]);
        var failing = new EventsFailingAt(line => TestEvents.Minimal(line), 7 * ChunkFiller.Capacity + 10, count: 8 * ChunkFiller.Capacity);

        using (var transaction = _connection.BeginTransaction())
        {
            var error = Assert.Throws<InvalidOperationException>(() => _insert.Insert(Narrow, failing, threads: 2, unit: 2 * ChunkFiller.Capacity));
            Assert.Contains($"event {7 * ChunkFiller.Capacity + 10} cannot be read", error.Message);
            transaction.Rollback();
        }

        Assert.Equal([1L], _connection.Column<long>("SELECT origin_line FROM events_narrow"));
        _insert.Insert(Narrow, [TestEvents.Minimal(2), TestEvents.Minimal(3)], threads: 2, unit: 1); // the function still works
        Assert.Equal([1L, 2L, 3L], _connection.Column<long>("SELECT origin_line FROM events_narrow ORDER BY origin_line"));
    }

    public void Dispose() => _connection.Dispose();
}
