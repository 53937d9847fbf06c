using DuckDB.NET.Data;
using NetWatch.Core.Parsing;
using NetWatch.Storage.DeadLetters;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.DeadLetters;

/// <summary>
/// The dead letters' look-up bound (<see cref="StoredDeadLetterLines"/>): a dead letter may be stored only if a stored one of
/// its file name (not its directory) is at or after its line; the bound is read from the table once and raised by what is
/// written since, never lowered. What it says "cannot be stored" the writer does not look up.
/// </summary>
public sealed class StoredDeadLetterLinesTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public StoredDeadLetterLinesTests()
    {
        _connection.Open();
        foreach (var statement in StoreSchema.Statements) _connection.Execute(statement);
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void In_an_empty_table_no_dead_letter_may_be_stored()
    {
        var lines = new StoredDeadLetterLines(_connection);
        Assert.False(lines.MayBeStored(Letter("a.log", 1)));
    }

    [Fact]
    public void A_stored_file_bounds_its_own_lines_by_file_name_and_not_another_files()
    {
        Insert("/var/log/squid/a.log", 10);
        Insert("/tmp/a.log", 40);
        Insert("b.log", 5);
        var lines = new StoredDeadLetterLines(_connection);
        Assert.True(lines.MayBeStored(Letter("a.log", 1)));
        Assert.True(lines.MayBeStored(Letter("/elsewhere/a.log", 40)));
        Assert.False(lines.MayBeStored(Letter("a.log", 41)));
        Assert.True(lines.MayBeStored(Letter("b.log", 5)));
        Assert.False(lines.MayBeStored(Letter("b.log", 6)));
        Assert.False(lines.MayBeStored(Letter("c.log", 1)));
    }

    [Fact]
    public void What_is_written_raises_the_bound_and_a_deletion_after_the_first_read_does_not_lower_it()
    {
        Insert("a.log", 10);
        var lines = new StoredDeadLetterLines(_connection);
        Assert.False(lines.MayBeStored(Letter("a.log", 20)));
        lines.Wrote([Letter("a.log", 20), Letter("a.log", 15), Letter("c.log", 3)]);
        Assert.True(lines.MayBeStored(Letter("a.log", 20)));
        Assert.False(lines.MayBeStored(Letter("a.log", 21)));
        Assert.True(lines.MayBeStored(Letter("c.log", 3)));
        _connection.Execute("DELETE FROM dead_letters");
        Assert.True(lines.MayBeStored(Letter("a.log", 10)));
    }

    /// <summary>Stored as the store stores it, by a writer of its own (whose bound the tests' is not).</summary>
    private void Insert(string source, long line) => new DeadLetterWriter(_connection).Insert([Letter(source, line)]);

    private static DeadLetter Letter(string source, long line) => new(source, line, $"junk {line}", "field-count", null, TestEvents.Base);
}
