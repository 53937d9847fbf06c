using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Pipeline.Stages;

/// <summary>
/// Applies the enrichment stages (attribution, classification, policy, ...) in order to every event of a batch: each
/// stage to the whole batch before the next, so that a batch enricher (<see cref="IBatchEnricher"/>) gets it whole;
/// then collects the notes stages left about the batch for the observers. Batches pass one at a time.
/// The events are the pipeline's own (a parser made them for this batch; nobody else holds them until it goes on), so
/// a stage that can (<see cref="IInPlaceEnricher"/>) sets its fields on them rather than replacing each with a copy.
/// </summary>
public sealed class EnrichStage
{
    private readonly IReadOnlyList<EnrichmentStage> _stages;

    /// <summary>Checks the order (<see cref="StageOrder.Check"/>): a wrong one fails here, at start.</summary>
    public EnrichStage(IReadOnlyList<EnrichmentStage> stages)
    {
        StageOrder.Check(stages);
        _stages = stages;
    }

    public IReadOnlyList<EnrichmentStage> Stages => _stages;

    /// <param name="screened">What the alerts' read-ahead found clean among the batch's lines: classification skips its lexical check for those.</param>
    public (EventBatch Batch, IReadOnlyList<object> Notes) Enrich(EventBatch batch, ILexicallyScreened? screened = null)
    {
        if (_stages.Count == 0) return (batch, []);
        var events = batch.Events.ToArray();
        List<object>? notes = null;
        foreach (var stage in _stages)
        {
            var started = PhaseTimes.Start();
            if (screened is not null && stage.Enricher is ClassificationEnricher classification) classification.EnrichInPlace(events, screened);
            else if (stage.Enricher is IInPlaceEnricher inPlace) inPlace.EnrichInPlace(events);
            else if (stage.Enricher is IBatchEnricher whole) whole.EnrichBatch(events);
            else
                for (var i = 0; i < events.Length; i++) events[i] = stage.Enricher.Enrich(events[i]);
            if (stage.TakeNote is { } take) (notes ??= []).Add(take());
            PhaseTimes.Add("enrich: " + stage.Name, started);
        }
        return (batch with { Events = events }, notes ?? (IReadOnlyList<object>)[]);
    }
}
