using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// An import's store with its events inserted at each commit on two threads (<see cref="Events.EventsAtCommit"/>): a session's
/// events are all stored by its commit, once each (an event a later batch of the same session brings again is not new), in
/// no order the readers depend on; a session disposed without its commit leaves nothing, and the next session holds
/// nothing of it; DuckDB's threads are one again after each insert. A re-import of the same events adds none.
/// </summary>
public sealed class EventsAtCommitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_sessions_events_are_stored_once_each_at_its_commit_and_a_rolled_back_session_leaves_nothing()
    {
        var batch1 = Enumerable.Range(1, 5000).Select(i => TestEvents.Minimal(i)).ToList();
        var batch2 = Enumerable.Range(4001, 3000).Select(i => TestEvents.Minimal(i)).ToList(); // 1000 of batch 1 again
        using (var store = DuckDbStore.Open(_dir.Path, rollupsAtClose: true, insertThreads: 2))
        {
            using (var rolledBack = store.Writer.Begin())
            {
                rolledBack.WriteEventsAsync(batch1, CancellationToken.None).GetAwaiter().GetResult();
            }
            using (var session = store.Writer.Begin())
            {
                Assert.Equal(5000, session.WriteEventsAsync(batch1, CancellationToken.None).GetAwaiter().GetResult().New.Count);
                Assert.Equal(2000, session.WriteEventsAsync(batch2, CancellationToken.None).GetAwaiter().GetResult().New.Count);
                session.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
            Assert.Equal(1, Threads(_dir.Path));
            using (var again = store.Writer.Begin())
            {
                Assert.Empty(again.WriteEventsAsync(batch2, CancellationToken.None).GetAwaiter().GetResult().New);
                again.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        using var reading = DuckDbStore.Open(_dir.Path);
        Assert.Equal(7000, reading.Search.CountAsync(new EventQuery(), CancellationToken.None).GetAwaiter().GetResult());
        using var connection = StoreFile.Connect(_dir.Path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(DISTINCT id), min(origin_line), max(origin_line) FROM events";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((7000L, 1L, 7000L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [Fact]
    public void A_session_of_more_than_a_row_group_goes_in_on_two_threads_each_event_once()
    {
        const long Count = NetWatch.Storage.Writing.RowGroupCheckpoints.RowGroupSize * 2 + 1000;
        var events = Enumerable.Range(1, (int)Count).Select(i => TestEvents.Minimal(i, user: i % 5 == 0 ? null : "user-" + (i % 977))).ToList();
        using (var store = DuckDbStore.Open(_dir.Path, rollupsAtClose: true, insertThreads: 2))
        using (var session = store.Writer.Begin())
        {
            for (var from = 0; from < Count; from += 20_000)
                session.WriteEventsAsync(events.GetRange(from, (int)Math.Min(20_000, Count - from)), CancellationToken.None).GetAwaiter().GetResult();
            session.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal(1, Threads(_dir.Path));
        }
        using var connection = StoreFile.Connect(_dir.Path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(DISTINCT id), sum(origin_line), count(user_name) FROM events";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((Count, Count, Count * (Count + 1) / 2, Count - Count / 5),
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
    }

    [Fact]
    public void Several_threads_need_an_import_store()
    {
        Assert.Throws<ArgumentException>(() => DuckDbStore.Open(_dir.Path, insertThreads: 2));
    }

    private static long Threads(string directory)
    {
        using var connection = StoreFile.Connect(directory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('threads')";
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
