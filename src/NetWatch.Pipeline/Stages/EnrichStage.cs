using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Stages;

/// <summary>
/// Applies the enrichment stages (attribution, classification, policy, ...) in order to every event of a batch: each
/// stage to the whole batch before the next, so that a batch enricher (<see cref="IBatchEnricher"/>) gets it whole;
/// then collects the notes stages left about the batch for the observers. Batches pass one at a time.
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

    /// <summary>Every stage may run on several batches at once (<see cref="EnrichmentStage.Parallel"/>).</summary>
    public bool Parallel => _stages.All(s => s.Parallel);

    /// <summary>
    /// The stages cut into steps, in order: each run of stages that may enrich several batches at once is one step (the
    /// pipeline runs it on batches side by side, order kept), every other stage a step of its own (one batch at a time).
    /// </summary>
    public IReadOnlyList<EnrichStage> Steps()
    {
        var steps = new List<EnrichStage>();
        var run = new List<EnrichmentStage>();
        foreach (var stage in _stages)
        {
            if (stage.Parallel && (run.Count == 0 || run[0].Parallel))
            {
                run.Add(stage);
                continue;
            }
            if (run.Count > 0) steps.Add(new EnrichStage(run));
            run = [stage];
        }
        if (run.Count > 0) steps.Add(new EnrichStage(run));
        return steps;
    }

    public (EventBatch Batch, IReadOnlyList<object> Notes) Enrich(EventBatch batch)
    {
        if (_stages.Count == 0) return (batch, []);
        var events = batch.Events.ToArray();
        List<object>? notes = null;
        foreach (var stage in _stages)
        {
            var started = PhaseTimes.Start();
            if (stage.Enricher is IBatchEnricher whole) whole.EnrichBatch(events);
            else
                for (var i = 0; i < events.Length; i++) events[i] = stage.Enricher.Enrich(events[i]);
            if (stage.TakeNote is { } take) (notes ??= []).Add(take());
            PhaseTimes.Add("enrich: " + stage.Name, started);
        }
        return (batch with { Events = events }, notes ?? (IReadOnlyList<object>)[]);
    }
}
