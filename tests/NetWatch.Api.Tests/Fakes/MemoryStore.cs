using System.Runtime.CompilerServices;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Api.Tests.Fakes;

/// <summary>
/// The read contracts over lists in memory, for the API's tests: every <see cref="EventQuery"/> filter applied as the
/// contract describes it, keyset pages in (@timestamp, source, line) order, aggregates by dimension without time
/// buckets, an append-only audit log. Events carry no organization.id yet, so each event's school is kept beside it.
/// </summary>
public sealed class MemoryStore : IEventSearch, IAggregates, IAuditLog, ICheckpointReader
{
    private readonly List<(NetEvent Event, string? School)> _events = [];
    private readonly List<StoredAuditRecord> _audit = [];

    public List<Visit> Visits { get; } = [];
    public List<DeadLetter> DeadLetters { get; } = [];
    public Dictionary<string, StoredCheckpoint> Checkpoints { get; } = [];

    /// <summary>When set, searches for this person throw (a store failure, for the error-answer tests).</summary>
    public string? FailFor { get; set; }

    public void Add(NetEvent e, string? school) { lock (_events) _events.Add((e, school)); }

    public IReadOnlyList<StoredAuditRecord> AuditRecords { get { lock (_audit) return [.. _audit]; } }

    private List<NetEvent> Select(EventQuery q)
    {
        if (FailFor is not null && q.Person == FailFor) throw new InvalidOperationException("store failure: connection to /var/lib/netwatch lost");
        lock (_events)
            return _events.Where(x => Matches(x.Event, x.School, q)).Select(x => x.Event)
                .OrderBy(e => e.Timestamp).ThenBy(e => e.Origin.Source, StringComparer.Ordinal).ThenBy(e => e.Origin.LineNumber).ToList();
    }

    private static bool Eq(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Matches(NetEvent e, string? school, EventQuery q) =>
        (q.From is null || e.Timestamp >= q.From) && (q.To is null || e.Timestamp < q.To)
        && (q.Person is null || Eq(e.UserName, q.Person))
        && (q.SourceIp is null || e.SourceIp == q.SourceIp)
        && (q.Domain is null || Eq(e.Url.Domain, q.Domain) || Eq(e.Url.RegisteredDomain, q.Domain))
        && (q.UrlContains is null || e.Url.Original.Contains(q.UrlContains, StringComparison.OrdinalIgnoreCase))
        && (q.Categories.Count == 0 || (e.Classification?.Categories ?? []).Any(c => q.Categories.Contains(c, StringComparer.OrdinalIgnoreCase)))
        && (q.Verdict is null || Eq(e.Policy?.Verdict, q.Verdict))
        && (q.SafeguardingTheme is null || Eq(e.Classification?.SafeguardingTheme, q.SafeguardingTheme))
        && (q.MinSeverity is null || e.Classification?.SafeguardingSeverity >= q.MinSeverity)
        && (q.SearchTermsContain is null || (e.Classification?.SearchTerms ?? "").Contains(q.SearchTermsContain, StringComparison.OrdinalIgnoreCase))
        && (q.Action is null || Eq(e.Action, q.Action))
        && (q.School is null || Eq(school, q.School))
        && (q.Findings is null || (e.Finding is not null) == q.Findings);

    private static int Compare(NetEvent e, EventCursor c)
    {
        var t = e.Timestamp.CompareTo(c.Timestamp);
        if (t != 0) return t;
        var s = string.CompareOrdinal(e.Origin.Source, c.Source);
        return s != 0 ? s : e.Origin.LineNumber.CompareTo(c.Line);
    }

    public Task<EventPage> SearchAsync(EventQuery query, int pageSize, EventCursor? after, CancellationToken cancellationToken)
    {
        var rest = Select(query).Where(e => after is null || Compare(e, after) > 0).ToList();
        var page = rest.Take(pageSize).ToList();
        return Task.FromResult(new EventPage(page, rest.Count > pageSize ? EventCursor.After(page[^1]) : null));
    }

    public Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken) => Task.FromResult((long)Select(query).Count);

    public async IAsyncEnumerable<NetEvent> StreamAsync(EventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var e in Select(query))
        {
            await Task.Yield();
            yield return e;
        }
    }

    public Task<NetEvent?> GetAsync(Core.Events.EventId id, CancellationToken cancellationToken)
    {
        lock (_events) return Task.FromResult(_events.Select(x => x.Event).FirstOrDefault(e => e.Id == id));
    }

    public Task<IReadOnlyList<Visit>> VisitsAsync(Instant? from, Instant? to, string? person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Visit>>(Visits.Where(v => (from is null || v.Start >= from) && (to is null || v.Start < to) && (person is null || v.Person == person)).ToList());

    public async IAsyncEnumerable<DeadLetter> DeadLettersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var d in DeadLetters.OrderBy(d => d.Source, StringComparer.Ordinal).ThenBy(d => d.LineNumber))
        {
            await Task.Yield();
            yield return d;
        }
    }

    public Task<IReadOnlyList<AggregateResult>> AggregateAsync(IReadOnlyList<AggregateQuery> queries, CancellationToken cancellationToken)
    {
        if (queries.Any(q => q.Bucket != TimeBucket.None)) throw new NotSupportedException("the test store aggregates without time buckets");
        List<(NetEvent Event, string? School)> all;
        lock (_events) all = [.. _events];
        return Task.FromResult<IReadOnlyList<AggregateResult>>(queries.Select(q =>
        {
            var rows = all.Where(x => Matches(x.Event, x.School, q.Filter))
                .GroupBy(x => Key(x.Event, x.School, q.By))
                .Select(g => new AggregateRow(null, null, g.Key, g.Count(), g.Sum(x => x.Event.ResponseBytes ?? 0), 0))
                .OrderByDescending(r => r.Requests).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Take(q.Top ?? int.MaxValue).ToList();
            return new AggregateResult(q.Name, rows);
        }).ToList());
    }

    private static string? Key(NetEvent e, string? school, AggregateDimension by) => by switch
    {
        AggregateDimension.None => null,
        AggregateDimension.Person => e.UserName ?? "(none)",
        AggregateDimension.RegisteredDomain => e.Url.RegisteredDomain ?? e.Url.Domain ?? "(none)",
        AggregateDimension.Verdict => e.Policy?.Verdict ?? "(none)",
        AggregateDimension.Action => e.Action,
        AggregateDimension.School => school ?? "(none)",
        _ => throw new NotSupportedException($"the test store does not aggregate by {by}"),
    };

    public Task<long> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        lock (_audit)
        {
            _audit.Add(new StoredAuditRecord(_audit.Count + 1, record));
            return Task.FromResult((long)_audit.Count);
        }
    }

    public Task<IReadOnlyList<StoredAuditRecord>> ReadAsync(AuditQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredAuditRecord>>(AuditRecords.Where(r =>
            (query.From is null || r.Record.At >= query.From) && (query.To is null || r.Record.At < query.To)
            && (query.Actor is null || r.Record.Actor == query.Actor) && (query.Action is null || r.Record.Action == query.Action)).ToList());

    public Task<long?> VerifyAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    public Task<IReadOnlyDictionary<string, StoredCheckpoint>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, StoredCheckpoint>>(Checkpoints);
}
