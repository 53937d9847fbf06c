namespace NetWatch.Pipeline;

/// <summary>Tuning of the pipeline. The defaults suit a 2-core machine.</summary>
public sealed record PipelineOptions
{
    /// <summary>Characters per block read from a file (and so, roughly, lines per batch × line length).</summary>
    public int BlockChars { get; init; } = 1 << 19;

    /// <summary>Blocks parsed at once (in order).</summary>
    public int ParseParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Most events (and dead letters) handed to the sink in one write when batches queue up before it. Just over
    /// DuckDB's row group (122,880 rows), so a bulk import's writes go to the file as whole row groups.
    /// </summary>
    public int MaxEventsPerWrite { get; init; } = 130_000;

    /// <summary>
    /// For a pipeline that runs until stopped: how often the observers store what they hold (findings as they stand,
    /// each replacing its earlier version); null: only once, after the last batch (an import).
    /// </summary>
    public TimeSpan? FlushEvery { get; init; }
}
