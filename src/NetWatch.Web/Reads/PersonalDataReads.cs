using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Routes;
using NetWatch.Api.Security;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Web.Reads;

/// <summary>
/// Every read of personal data a page makes, under the API's rules: the capability of <see cref="AccessMatrix"/>
/// checked again (the page's policy checked it first), the account's school applied (<see cref="SchoolScope"/>),
/// people pseudonymised for the roles that see pseudonyms (<see cref="Pseudonyms"/>), and one audit record written
/// (<see cref="AuditTrail"/>, the API's actions) before anything is shown.
/// </summary>
public sealed class PersonalDataReads(IEventSearch search, IAggregates aggregates, IAuditLog log, AuditTrail audit, Pseudonyms pseudonyms)
{
    /// <summary>A page of a search and how many events the search selects in all.</summary>
    public async Task<(EventPage Page, long Total)> SearchAsync(ApiUser user, EventQuery query, int pageSize, EventCursor? cursor,
        string action, PageFilters filters, CancellationToken cancel)
    {
        Require(user, AccessMatrix.Events);
        query = SchoolScope.Apply(user, query);
        var purpose = filters.PurposeFor(user);
        var page = await search.SearchAsync(query, pageSize, cursor, cancel);
        var total = cursor is null && page.Next is null ? page.Events.Count : await search.CountAsync(query, cancel);
        await audit.RecordReadAsync(user, action, filters.ToRequest(purpose, query.School), page.Events.Count, cancel);
        return (page, total);
    }

    /// <summary>One event (another school's is "not found").</summary>
    public async Task<NetEvent?> GetAsync(ApiUser user, EventId id, PageFilters filters, CancellationToken cancel)
    {
        Require(user, AccessMatrix.Events);
        var purpose = filters.PurposeFor(user);
        var e = await search.GetAsync(id, cancel);
        if (e is null || !SchoolScope.Covers(user, e.Organization?.Id)) return null;
        await audit.RecordReadAsync(user, "events.get", filters.ToRequest(purpose, user.School), 1, cancel);
        return e;
    }

    /// <summary>Who visited a domain or a URL: people with their requests and bytes, most requests first.</summary>
    public async Task<IReadOnlyList<AggregateRow>> VisitorsAsync(ApiUser user, EventQuery query, PageFilters filters, CancellationToken cancel)
    {
        Require(user, AccessMatrix.Events);
        query = SchoolScope.Apply(user, query with { Findings = false });
        var purpose = filters.PurposeFor(user);
        var result = await aggregates.AggregateAsync([new AggregateQuery { Name = "visitors", Filter = query, By = AggregateDimension.Person, VisitMinutes = false }], cancel);
        var rows = result.Single().Rows;
        await audit.RecordReadAsync(user, "events.visitors", filters.ToRequest(purpose, query.School), rows.Count, cancel);
        return rows;
    }

    /// <summary>
    /// A dashboard's aggregates in one call to the store, each narrowed to the account's school (or to
    /// <paramref name="school"/> for a trust-wide account), people pseudonymised for the SLT; one audit record.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AggregateRow>>> AggregateAsync(ApiUser user, string? school,
        IReadOnlyList<AggregateQuery> queries, PageFilters filters, CancellationToken cancel)
    {
        Require(user, AccessMatrix.Aggregates);
        var effective = SchoolScope.Effective(user, school);
        var pseudonymise = AccessMatrix.Pseudonymised(user.Role);
        if (pseudonymise && effective is null && queries.Any(q => q.By == AggregateDimension.Person))
            throw ApiProblemException.BadRequest("pseudonyms are per school: choose the school");
        var scoped = queries.Select(q => q with { Filter = q.Filter with { School = effective } }).ToList();
        var results = await aggregates.AggregateAsync(scoped, cancel);
        var rows = results.ToDictionary(r => r.Name, r =>
            pseudonymise && scoped.Single(q => q.Name == r.Name).By == AggregateDimension.Person ? pseudonyms.Apply(effective, r.Rows) : r.Rows);
        await audit.RecordReadAsync(user, "aggregates", filters.ToRequest(filters.PurposeFor(user), effective), rows.Values.Sum(r => (long)r.Count), cancel);
        return rows;
    }

    /// <summary>The person behind a pseudonym of the SLT's school, given a reason; recorded with the reason whether found or not.</summary>
    public async Task<string?> RevealAsync(ApiUser user, string? school, string pseudonym, string reason, CancellationToken cancel)
    {
        Require(user, AccessMatrix.Reveal);
        reason = reason.Trim();
        if (reason.Length < AggregateRoutes.MinimumReason)
            throw ApiProblemException.BadRequest($"revealing a person needs a reason of at least {AggregateRoutes.MinimumReason} characters (it is kept in the audit log)");
        var effective = SchoolScope.Effective(user, school) ?? throw ApiProblemException.BadRequest("pseudonyms are per school: choose the school");
        var person = await pseudonyms.FindAsync(aggregates, effective, pseudonym, cancel);
        var filters = new Dictionary<string, string> { ["pseudonym"] = pseudonym };
        await audit.RecordReadAsync(user, "pseudonyms.reveal", new RequestFilters(filters, reason, effective), person is null ? 0 : 1, cancel);
        return person;
    }

    /// <summary>The audit log (of the account's school when scoped), newest first, at most <paramref name="limit"/> records.</summary>
    public async Task<(IReadOnlyList<StoredAuditRecord> Records, int Total)> AuditLogAsync(ApiUser user, AuditQuery query, int skip, int limit,
        PageFilters filters, CancellationToken cancel)
    {
        Require(user, AccessMatrix.Audit);
        var purpose = filters.PurposeFor(user);
        var all = (await log.ReadAsync(query, cancel)).Where(r => SchoolScope.Covers(user, r.Record.School)).ToList();
        var shown = all.AsEnumerable().Reverse().Skip(skip).Take(limit).ToList();
        await audit.RecordReadAsync(user, "audit.read", filters.ToRequest(purpose, user.School), shown.Count, cancel);
        return (shown, all.Count);
    }

    internal static void Require(ApiUser user, string capability)
    {
        if (!AccessMatrix.Allows(capability, user.Role))
            throw ApiProblemException.Forbidden("this account's role may not see this");
    }
}
