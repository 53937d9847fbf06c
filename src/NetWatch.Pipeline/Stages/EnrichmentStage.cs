using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Stages;

/// <summary>
/// One enrichment stage as the composition root declares it: its name, the fields it reads and writes (ECS names),
/// the enricher, and optionally a note it leaves for observers about each batch (attribution's pending findings).
/// <see cref="StageOrder.Check"/> refuses an order in which a stage reads a field a later stage writes.
/// </summary>
public sealed record EnrichmentStage(string Name, IReadOnlyList<string> Reads, IReadOnlyList<string> Writes, IEventEnricher Enricher)
{
    /// <summary>Called right after each batch is enriched: what this stage noted about it, for the observers.</summary>
    public Func<object>? TakeNote { get; init; }
}
