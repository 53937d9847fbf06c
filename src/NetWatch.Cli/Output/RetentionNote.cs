using NetWatch.Core.Ecs;
using NetWatch.Core.Policy;
using NetWatch.Pipeline;
using NetWatch.Service.Retention;
using NetWatch.Storage.Contracts.Retention;
using NodaTime;

namespace NetWatch.Cli.Output;

/// <summary>
/// The note <c>netwatch import</c> adds when it read events older than the store keeps events: the next retention run
/// (the daily job of <c>netwatch run</c>, which also runs when the service starts, or <c>netwatch retention run</c>)
/// deletes them. Importing last year's logs is legitimate, but losing them the next morning should not be a surprise.
/// </summary>
internal static class RetentionNote
{
    public static void Write(TextWriter w, IEnumerable<SourceStats> stats, SchoolPolicy? policy, Instant now)
    {
        var earliest = stats.Select(s => s.EarliestEvent).Where(e => e is not null).Min();
        if (earliest is not { } first) return;
        var plan = RetentionPlan.Resolve(RetentionSettings.Default, policy);
        var rule = plan.Rules.First(r => r.Kind == RecordKind.Events);
        var cutoff = rule.Period.Cutoff(now, plan.Zone);
        if (first >= cutoff) return;
        w.WriteLine($"note: events from {EcsJsonWriter.FormatInstant(first)} on are older than the {rule.Period.Text} events are kept "
            + $"({rule.Source}): the next retention run deletes those before {EcsJsonWriter.FormatInstant(cutoff)} "
            + "(the daily job of `netwatch run`, also run when it starts, or `netwatch retention run`); a `retention.events` setting keeps them longer");
    }
}
