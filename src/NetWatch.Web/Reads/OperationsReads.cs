using NetWatch.Api;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Routes;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Web.Reads;

/// <summary>
/// The ICT administrator's reads, under the API's rules: sources and dead letters of the sources its school owns
/// (<see cref="ApiOptions.SourceSchools"/>; trust-wide accounts see all), accounts of its school. Dead letters are
/// whole raw lines and accounts are people: both are audited as the API audits them.
/// </summary>
public sealed class OperationsReads(ICheckpointReader checkpoints, IEventSearch search, IAccountStore accounts, AuditTrail audit, IAuditLog log, ApiOptions options)
{
    /// <summary>Dead letters per source and reason, with the first few of each group as samples.</summary>
    public sealed record DeadLetterGroup(string Source, string Reason, long Count, IReadOnlyList<DeadLetter> Samples);

    public const int SamplesPerGroup = 3;

    public async Task<IReadOnlyList<StoredCheckpoint>> SourcesAsync(ApiUser user, CancellationToken cancel)
    {
        PersonalDataReads.Require(user, AccessMatrix.Operations);
        var all = await checkpoints.ReadAllAsync(cancel);
        return [.. all.Values.Where(c => Covers(user, c.Checkpoint.Source)).OrderBy(c => c.Checkpoint.Source, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<DeadLetterGroup>> DeadLettersAsync(ApiUser user, CancellationToken cancel)
    {
        PersonalDataReads.Require(user, AccessMatrix.Operations);
        var groups = new Dictionary<(string, string), (long Count, List<DeadLetter> Samples)>();
        long shown = 0;
        await foreach (var d in search.DeadLettersAsync(cancel))
        {
            if (!Covers(user, d.Source)) continue;
            var key = (d.Source, d.Reason);
            if (!groups.TryGetValue(key, out var g)) g = (0, []);
            if (g.Samples.Count < SamplesPerGroup) { g.Samples.Add(d); shown++; }
            groups[key] = (g.Count + 1, g.Samples);
        }
        var filters = new RequestFilters(new Dictionary<string, string> { ["view"] = "by-reason" }, null, user.School);
        await audit.RecordReadAsync(user, "dead-letters", filters, shown, cancel);
        return [.. groups.Select(g => new DeadLetterGroup(g.Key.Item1, g.Key.Item2, g.Value.Count, g.Value.Samples))
            .OrderBy(g => g.Source, StringComparer.Ordinal).ThenByDescending(g => g.Count)];
    }

    public async Task<IReadOnlyList<Account>> AccountsAsync(ApiUser user, CancellationToken cancel)
    {
        PersonalDataReads.Require(user, AccessMatrix.Accounts);
        var visible = (await accounts.ListAsync(cancel)).Where(a => SchoolScope.Covers(user, a.School)).ToList();
        await audit.RecordReadAsync(user, "accounts.list", new RequestFilters(new Dictionary<string, string>(), null, user.School), visible.Count, cancel);
        return visible;
    }

    /// <summary>The retention job's runs, newest first: their audit records (what each deleted), which name no person.</summary>
    public async Task<IReadOnlyList<StoredAuditRecord>> RetentionRunsAsync(ApiUser user, int limit, CancellationToken cancel)
    {
        PersonalDataReads.Require(user, AccessMatrix.Operations);
        var runs = await log.ReadAsync(new AuditQuery(Action: RetentionAction), cancel);
        return [.. runs.Where(r => SchoolScope.Covers(user, r.Record.School) || r.Record.School is null).Reverse().Take(limit)];
    }

    /// <summary>The audit action of a retention run (one record per kind it deleted).</summary>
    public const string RetentionAction = "retention.delete";

    private bool Covers(ApiUser user, string source) => OperationsRoutes.Covers(user, options, source);
}
