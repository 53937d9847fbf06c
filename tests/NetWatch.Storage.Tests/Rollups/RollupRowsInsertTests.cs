using DuckDB.NET.Data;
using NetWatch.Storage.Events;
using NetWatch.Storage.Rollups;
using NodaTime;

namespace NetWatch.Storage.Tests.Rollups;

/// <summary>
/// A session's counted roll-up rows inserted through the connection's table function (<see cref="RollupRowsInsert"/>):
/// the rows DuckDB's appender stored before (every table, across chunks, in the set's order); a key value it cannot
/// write is an error naming it, fails the caller's transaction and leaves nothing of the insert behind.
/// RollupTests hold the stored roll-ups to counting the events through the store's write session, which inserts this way.
/// </summary>
public sealed class RollupRowsInsertTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public RollupRowsInsertTests()
    {
        _connection.Open();
        foreach (var table in RollupTables.All) _connection.Execute(table.Create);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Every_tables_rows_are_those_the_appender_stored_in_the_sets_order(int threads)
    {
        _connection.Execute($"SET threads = {threads}");
        // Distinct people: more people and sites rows than a chunk holds.
        var events = RollupTests.RandomEvents(7, 3 * ChunkFiller.Capacity + 100)
            .Select((e, i) => e with { UserName = i % 11 == 0 ? null : $"Person.{i % 5000}" }).ToList();
        var counter = new RollupCounter();
        counter.Add(events);

        foreach (var table in RollupTables.All)
        {
            var rows = counter.Rows(table).ToList();
            _connection.Execute($"CREATE TABLE appended AS SELECT * FROM {table.Name} LIMIT 0");
            AppendTheOldWay(rows);

            var insert = RollupRowsInsert.Register(_connection, table);
            if (table == RollupTables.Events) insert.Insert(counter.Events);
            else if (table == RollupTables.Sites) insert.Insert(counter.Sites);
            else insert.Insert(counter.People);

            Assert.Equal(rows.Count, Scalar($"SELECT count(*) FROM {table.Name}"));
            // Row by row in insertion order: the same values, nulls and lists included.
            Assert.Equal(0L, Scalar($"""
                SELECT count(*) FROM (SELECT row_number() OVER () AS n, * FROM {table.Name}) a
                FULL JOIN (SELECT row_number() OVER () AS n, * FROM appended) b ON a.n = b.n
                WHERE a IS DISTINCT FROM b
                """));
            if (table == RollupTables.People) Assert.True(rows.Count > 2 * ChunkFiller.Capacity, $"{rows.Count}");
            _connection.Execute("DROP TABLE appended");
        }
    }

    [Fact]
    public void A_key_value_it_cannot_write_is_a_clear_error_and_the_transaction_keeps_nothing_of_it()
    {
        var table = RollupTables.Sites;
        var insert = RollupRowsInsert.Register(_connection, table);
        insert.Insert(Rows(table, 1, "school-a"));
        // A long is no key value of a roll-up: the row past the first chunk cannot be written.
        var failing = Rows(table, 2 * ChunkFiller.Capacity + 10, "school-b");
        var bad = failing.Keys.ElementAt(ChunkFiller.Capacity + 5);
        failing.Remove(bad);
        failing[Key(table, bad.Hour, 4_000_000_000L, "x", "y", "z")] = new RollupSums(bad.Hour);

        using (var transaction = _connection.BeginTransaction())
        {
            var error = Assert.Throws<InvalidOperationException>(() => insert.Insert(failing));
            Assert.Contains("a roll-up key of type System.Int64", error.Message);
            Assert.Contains(table.Name, error.Message);
            Assert.IsType<ArgumentException>(error.InnerException);
            transaction.Rollback();
        }

        Assert.Equal(1L, Scalar($"SELECT count(*) FROM {table.Name}"));
        insert.Insert(Rows(table, 3, "school-c")); // the function and the connection still work
        Assert.Equal(4L, Scalar($"SELECT count(*) FROM {table.Name}"));
        Assert.Equal(3L, Scalar($"SELECT count(*) FROM {table.Name} WHERE organization_id = 'school-c'"));
    }

    /// <summary><paramref name="count"/> rows of a table keyed (school, person, host, domain), one request each.</summary>
    private static Dictionary<AnyKey, RollupSums> Rows(RollupTable table, int count, string school)
    {
        var hour = Instant.FromUtc(2026, 12, 5, 0, 0);
        var rows = new Dictionary<AnyKey, RollupSums>();
        for (var i = 0; i < count; i++)
        {
            var sums = new RollupSums(hour);
            sums.Add(hour, 10);
            rows[Key(table, hour, school, $"person{i}", "www.example.com", "example.com")] = sums;
        }
        return rows;
    }

    private static AnyKey Key(RollupTable table, Instant hour, params object?[] values)
    {
        Assert.Equal(table.Keys.Count, values.Length);
        return new AnyKey(hour.ToUnixTimeTicks(), values);
    }

    /// <summary>A key of any values (a long among them: none of the tables' own key types can hold one).</summary>
    private readonly record struct AnyKey(long HourTicks, object?[] Values) : IRollupKey
    {
        public Instant Hour => Instant.FromUnixTimeTicks(HourTicks);

        public int Count => Values.Length;

        public int Hash => GetHashCode();

        public object? this[int i] => Values[i];

        public bool Equals(AnyKey other) => HourTicks == other.HourTicks && Values.SequenceEqual(other.Values);

        public override int GetHashCode() => HashCode.Combine(HourTicks, Values.Length, Values[1]);
    }

    /// <summary>The rows through DuckDB's appender, as RollupWriter appended them before the table function.</summary>
    private void AppendTheOldWay(IEnumerable<KeyValuePair<IRollupKey, RollupSums>> rows)
    {
        using var appender = new ChunkAppender(_connection, "appended");
        foreach (var (key, sums) in rows)
        {
            var column = 0;
            appender.Timestamp(column++, key.Hour);
            for (var i = 0; i < key.Count; i++)
            {
                switch (key[i])
                {
                    case null: appender.Null(column); break;
                    case string s: appender.Varchar(column, s); break;
                    case int n: appender.Int32(column, n); break;
                    case IReadOnlyList<string> list: appender.VarcharList(column, list); break;
                }
                column++;
            }
            appender.Int64(column++, sums.Requests);
            appender.Int64(column++, sums.Bytes);
            appender.Timestamp(column++, sums.First);
            appender.Timestamp(column++, sums.Last);
            appender.EndRow(column);
        }
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Dispose() => _connection.Dispose();
}
