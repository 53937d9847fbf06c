namespace NetWatch.Core.Events;

/// <summary>
/// An enricher with events of its own to emit once the input has ended, e.g. the findings attribution
/// gathered while events passed (shared passwords, unattributed volume). The pipeline stores them after
/// the last batch, without passing them through the enrichers.
/// </summary>
public interface IFlushingEnricher : IEventEnricher
{
    IReadOnlyList<NetEvent> Flush();
}
