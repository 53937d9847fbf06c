using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Api.Tests.Fakes;

/// <summary>The store's search, failing as a broken store would when a search names <see cref="FailFor"/> (for the error-answer tests).</summary>
public sealed class FailingSearch(IEventSearch inner) : IEventSearch
{
    public string? FailFor { get; set; }

    private void Check(EventQuery query)
    {
        if (FailFor is not null && query.Person == FailFor) throw new InvalidOperationException("store failure: connection to /var/lib/netwatch lost");
    }

    public Task<EventPage> SearchAsync(EventQuery query, int pageSize, EventCursor? after, CancellationToken cancellationToken)
    {
        Check(query);
        return inner.SearchAsync(query, pageSize, after, cancellationToken);
    }

    public Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken)
    {
        Check(query);
        return inner.CountAsync(query, cancellationToken);
    }

    public IAsyncEnumerable<NetEvent> StreamAsync(EventQuery query, CancellationToken cancellationToken)
    {
        Check(query);
        return inner.StreamAsync(query, cancellationToken);
    }

    public Task<NetEvent?> GetAsync(EventId id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<Visit>> VisitsAsync(Instant? from, Instant? to, string? person, string? school, CancellationToken cancellationToken) =>
        inner.VisitsAsync(from, to, person, school, cancellationToken);

    public IAsyncEnumerable<DeadLetter> DeadLettersAsync(CancellationToken cancellationToken) => inner.DeadLettersAsync(cancellationToken);
}
