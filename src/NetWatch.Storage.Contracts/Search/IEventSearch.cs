using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Storage.Contracts.Search;

/// <summary>The read side over single records: events (and findings), visits and dead letters.</summary>
public interface IEventSearch
{
    /// <summary>A page of the events <paramref name="query"/> selects, in (@timestamp, source, line) order, starting after <paramref name="after"/>.</summary>
    Task<EventPage> SearchAsync(EventQuery query, int pageSize, EventCursor? after, CancellationToken cancellationToken);

    /// <summary>How many events <paramref name="query"/> selects.</summary>
    Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken);

    /// <summary>Every event <paramref name="query"/> selects, in (@timestamp, source, line) order, streamed (for exports).</summary>
    IAsyncEnumerable<NetEvent> StreamAsync(EventQuery query, CancellationToken cancellationToken);

    /// <summary>The event with this id, or null.</summary>
    Task<NetEvent?> GetAsync(EventId id, CancellationToken cancellationToken);

    /// <summary>Stored visits starting in [from, to) (either open-ended when null), of one person when given, of one
    /// school when given (the school of the visit's first event), by start.</summary>
    Task<IReadOnlyList<Visit>> VisitsAsync(Instant? from, Instant? to, string? person, string? school, CancellationToken cancellationToken);

    /// <summary>Stored visits of every school (see the overload with a school).</summary>
    Task<IReadOnlyList<Visit>> VisitsAsync(Instant? from, Instant? to, string? person, CancellationToken cancellationToken) =>
        VisitsAsync(from, to, person, null, cancellationToken);

    /// <summary>Dead letters in (source, line) order.</summary>
    IAsyncEnumerable<DeadLetter> DeadLettersAsync(CancellationToken cancellationToken);
}
