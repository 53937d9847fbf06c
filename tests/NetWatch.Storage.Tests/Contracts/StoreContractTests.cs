using NetWatch.Core.Events;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Contracts;

/// <summary>
/// What every store must do, whatever database is behind it. A store's test class derives from this and says how
/// to open its store (a fresh, empty one per test) and how to tamper with it behind the contracts' back.
/// The tests are split by contract over the partial files StoreContractTests.*.cs.
/// </summary>
public abstract partial class StoreContractTests : IDisposable
{
    private readonly List<IStore> _opened = [];

    /// <summary>Opens this test's store: empty the first time, the same store (reopened) after <see cref="Reopen"/>.</summary>
    protected abstract IStore OpenStore();

    /// <summary>True when a session disposed without commit leaves nothing behind (a transactional store).</summary>
    protected virtual bool RollsBackUncommittedSessions => true;

    protected static readonly CancellationToken None = CancellationToken.None;

    private IStore? _store;

    /// <summary>The store under test, opened on first use.</summary>
    protected IStore Store => _store ??= Track(OpenStore());

    /// <summary>Closes the store and opens it again (what a restart sees).</summary>
    protected IStore Reopen()
    {
        _store?.Dispose();
        _opened.Remove(_store!);
        return _store = Track(OpenStore());
    }

    private IStore Track(IStore store)
    {
        _opened.Add(store);
        return store;
    }

    /// <summary>Writes the events in one committed session; returns what the write said.</summary>
    protected async Task<EventWriteResult> WriteAsync(params NetEvent[] events)
    {
        using var session = Store.Writer.Begin();
        var result = await session.WriteEventsAsync(events, None);
        await session.CommitAsync(None);
        return result;
    }

    /// <summary>Every event the query selects, read page by page.</summary>
    protected async Task<List<NetEvent>> SearchAllAsync(EventQuery query, int pageSize = 1000)
    {
        var all = new List<NetEvent>();
        EventCursor? after = null;
        do
        {
            var page = await Store.Search.SearchAsync(query, pageSize, after, None);
            all.AddRange(page.Events);
            after = page.Next;
        } while (after is not null);
        return all;
    }

    protected static List<long> Lines(IEnumerable<NetEvent> events) => events.Select(e => e.Origin.LineNumber).ToList();

    public virtual void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
    }
}
