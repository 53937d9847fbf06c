namespace NetWatch.Pipeline.Stages;

/// <summary>Checks, at start, that no enrichment stage reads a field that a stage after it writes.</summary>
public static class StageOrder
{
    /// <summary>Throws <see cref="StageOrderException"/> naming the first stage that runs before what it reads is written.</summary>
    public static void Check(IReadOnlyList<EnrichmentStage> stages)
    {
        for (var i = 0; i < stages.Count; i++)
            for (var j = i + 1; j < stages.Count; j++)
                foreach (var field in stages[i].Reads)
                    if (stages[j].Writes.Contains(field, StringComparer.Ordinal))
                        throw new StageOrderException(
                            $"enrichment stage '{stages[i].Name}' reads {field}, which '{stages[j].Name}' writes after it: " +
                            $"'{stages[j].Name}' must run before '{stages[i].Name}' (order given: {string.Join(", ", stages.Select(s => s.Name))})");
    }
}

/// <summary>Enrichment stages in an order that cannot work.</summary>
public sealed class StageOrderException(string message) : Exception(message);
