using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// Events inserted through the connection's table function (<see cref="EventRowsInsert"/>): in the caller's order,
/// with DuckDB's worker threads too; a failure while filling a chunk is an error naming its cause, fails the caller's
/// transaction and leaves nothing of the insert behind; a table of the events' columns (an import's held rows) takes
/// them too. ChunkAppenderTests holds every column's value through the store's write session, which inserts this way.
/// </summary>
public sealed class EventRowsInsertTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public EventRowsInsertTests()
    {
        _connection.Open();
        foreach (var statement in StoreSchema.Statements) _connection.Execute(statement);
        EventTableMigration.Apply(_connection);
    }

    private const string Narrow = EventTables.Narrow;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Rows_keep_the_events_order_across_chunks_whatever_DuckDBs_threads(int threads)
    {
        _connection.Execute($"SET threads = {threads}");
        var insert = EventRowsInsert.Register(_connection);
        // not in line order, so that the stored order can only be the order given
        var events = Enumerable.Range(0, 3 * ChunkFiller.Capacity + 5).Select(i => TestEvents.Minimal((i * 7919L) % 100_003 + 1)).ToList();

        insert.Insert(Narrow, Narrow, events, 2, events.Count - 3);

        Assert.Equal(events.Skip(2).Take(events.Count - 3).Select(e => e.Origin.LineNumber), _connection.Column<long>("SELECT origin_line FROM events_narrow ORDER BY rowid"));
    }

    [Fact]
    public void A_failure_while_filling_is_a_clear_error_and_the_transaction_keeps_nothing_of_it()
    {
        var insert = EventRowsInsert.Register(_connection);
        insert.Insert([TestEvents.Minimal(1)]);
        var failing = new EventsFailingAt(line => TestEvents.Minimal(line), 2 * ChunkFiller.Capacity + 10, count: 3 * ChunkFiller.Capacity);

        using (var transaction = _connection.BeginTransaction())
        {
            var error = Assert.Throws<InvalidOperationException>(() => insert.Insert(Narrow, Narrow, failing));
            Assert.Contains("event 4106 cannot be read", error.Message);
            Assert.IsType<IOException>(error.InnerException);
            transaction.Rollback();
        }

        Assert.Equal([1L], _connection.Column<long>("SELECT origin_line FROM events"));
        insert.Insert([TestEvents.Minimal(2)]); // the function and the connection still work
        Assert.Equal([1L, 2L], _connection.Column<long>("SELECT origin_line FROM events_narrow ORDER BY rowid"));
    }

    [Fact]
    public void A_temporary_table_of_the_events_columns_takes_them_as_the_events_table_does()
    {
        _connection.Execute("CREATE TEMP TABLE held AS SELECT * FROM events_narrow LIMIT 0");
        var insert = EventRowsInsert.Register(_connection);
        var events = Enumerable.Range(1, 10).Select(i => TestEvents.Minimal(i, user: i % 2 == 0 ? null : "ü-" + new string('x', i * 3))).ToList();

        insert.Insert(Narrow, "temp.held", events, 4);
        _connection.Execute("INSERT INTO events_narrow SELECT * FROM temp.held");

        Assert.Equal(Enumerable.Range(5, 6).Select(i => (long)i), _connection.Column<long>("SELECT origin_line FROM events_narrow ORDER BY rowid"));
        Assert.Equal(["ü-xxxxxxxxxxxxxxx", "ü-xxxxxxxxxxxxxxxxxxxxx", "ü-xxxxxxxxxxxxxxxxxxxxxxxxxxx"],
            _connection.Column<string>("SELECT user_name FROM events_narrow WHERE user_name IS NOT NULL ORDER BY rowid"));
    }

    [Fact]
    public void A_string_repeating_the_row_before_is_stored_as_written_whether_the_same_text_object_or_not()
    {
        var insert = EventRowsInsert.Register(_connection);
        // Runs of one value (long, and short enough to inline), the same text as a new object, nulls between repeats, and
        // runs across the chunks' edges (each chunk starts without a last value).
        string? User(int i) => ((i / 3 + 3) % 5) switch   // rows 2043-2048 (a chunk's edge): the long value
        {
            0 => "a-user-name-longer-than-twelve-bytes",
            1 => new string('ü', 7) + "-" + (i / 3 % 7),   // equal text, a new object each row
            2 => i % 2 == 0 ? null : "short",
            3 => "x-" + (i / 3),
            _ => "a-user-name-longer-than-twelve-bytes",
        };
        var expected = Enumerable.Range(0, 2 * ChunkFiller.Capacity + 7).Select(User).ToList();
        var events = expected.Select((user, i) => TestEvents.Minimal(i + 1, user: user)).ToList();

        insert.Insert(events);

        Assert.Equal(expected, _connection.Column<string?>("SELECT user_name FROM events_narrow ORDER BY rowid"));
        Assert.Equal(expected, _connection.Column<string?>("SELECT source_user_name FROM events_narrow ORDER BY rowid"));
        Assert.Equal(events.Select(e => e.Url.Original), _connection.Column<string?>("SELECT url_original FROM events_narrow ORDER BY rowid"));
    }

    public void Dispose() => _connection.Dispose();
}
