using System.Text.Json;
using NetWatch.Core.Ecs;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Retention;
using NodaTime;

namespace NetWatch.Service.Retention;

/// <summary>What one kind's deletion removed: the records older than <see cref="Before"/>, <see cref="Deleted"/> of them.</summary>
public sealed record RetentionOutcome(RetentionRule Rule, Instant Before, long Deleted);

/// <summary>
/// One retention run: for every kind of the plan, deletes (through the store's <see cref="IRetention"/>) what is older
/// than its period at this instant and appends an audit record <c>retention.delete</c> saying which kind, before which
/// instant, under which period and rule, and how many records went. The audit log itself is never deleted.
/// </summary>
public sealed class RetentionRunner(IRetention retention, IAuditLog audit, IClock clock)
{
    public const string Action = "retention.delete";

    public async Task<IReadOnlyList<RetentionOutcome>> RunAsync(RetentionPlan plan, string actor, CancellationToken cancel)
    {
        var now = clock.GetCurrentInstant();
        var outcomes = new List<RetentionOutcome>();
        foreach (var rule in plan.Rules)
        {
            var before = rule.Period.Cutoff(now, plan.Zone);
            var deleted = await retention.DeleteOlderThanAsync(rule.Kind, before, cancel);
            // Deleted first, recorded next: the count is only known afterwards. If the record cannot be written the run
            // fails (the caller reports it) and the next run records its own deletions.
            await audit.AppendAsync(new AuditRecord
            {
                At = clock.GetCurrentInstant(),
                Actor = actor,
                Action = Action,
                Purpose = $"retention: {rule.Name} older than {rule.Period.Text}",
                Query = JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["kind"] = rule.Name,
                    ["before"] = EcsJsonWriter.FormatInstant(before),
                    ["period"] = rule.Period.Text,
                    ["rule"] = rule.Source,
                }),
                Rows = deleted,
            }, cancel);
            outcomes.Add(new RetentionOutcome(rule, before, deleted));
        }
        return outcomes;
    }
}
