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
    /// For a replay of whole files (import) whose batches carry no checkpoint: the store stage keeps one write session
    /// (one transaction) open across batches until it has stored this many new events, cutting a batch where they reach
    /// it, then commits. With DuckDB's row group (122,880 rows) a session's events then reach the file as whole
    /// compressed row groups written while they are appended, instead of going through the WAL to be compressed at a
    /// checkpoint and leaving a part-filled row group for checkpoints to merge, as the sessions the memory budget keeps
    /// smaller than a row group did (an enriched import under 1GB: ~40,000 events). What the observers derive is
    /// committed with the events it came from, as before. Null: one session per joined batch (the live service, whose
    /// batches carry checkpoints).
    /// </summary>
    public int? SessionEvents { get; init; }

    /// <summary>
    /// For a pipeline that runs until stopped: how often the observers store what they hold (findings as they stand,
    /// each replacing its earlier version); null: only once, after the last batch (an import).
    /// </summary>
    public TimeSpan? FlushEvery { get; init; }

    /// <summary>
    /// For a pipeline that keeps up with a live feed: the store stage starts a write session at most this often (the
    /// batches read meanwhile join the next one); null: as soon as the last one is done (an import, a backlog). Every
    /// session pays the same fixed costs (DuckDB's statements for events, visits, roll-ups, the checkpoint row, the commit)
    /// and rewrites each open visit it touches; keeping up at 12,000 lines/s the sessions were ~150 ms apart, so most of
    /// the store stage's CPU went on those. Adds at most this to a line's latency; alerts go ahead (the fast lane).
    /// </summary>
    public TimeSpan? MinSessionInterval { get; init; }

    /// <summary>
    /// With <see cref="MinSessionInterval"/>: the interval after a session of fewer than <see cref="SmallSessionEvents"/>
    /// events (a quiet feed: fewer, larger sessions for the same fixed costs); null: always <see cref="MinSessionInterval"/>.
    /// </summary>
    public TimeSpan? SmallSessionInterval { get; init; }

    /// <summary>The events under which a session counts as small (<see cref="SmallSessionInterval"/>).</summary>
    public int SmallSessionEvents { get; init; }

    /// <summary>
    /// For a live pipeline with a side file: when the store stage counts as behind. A stage handed a full joined write
    /// (<see cref="MaxEventsPerWrite"/>: more was queued) whose oldest batch was read longer ago than this keeps one session
    /// open across its calls, checkpoints and all, until it holds <see cref="StoreRowGroup"/> new events or it is no longer
    /// behind (handed a write neither full nor of a batch read longer ago), as an import's sessions do (<see cref="SessionEvents"/>): DuckDB then writes the events as whole row groups
    /// straight into the file instead of through the WAL and a checkpoint, and none goes through the side file, whose
    /// second write only serves latency, which a stage this far behind has lost already. Null: never (an import; a
    /// replay's batches; tests of the side file).
    /// </summary>
    public TimeSpan? BehindAfter { get; init; }

    /// <summary>
    /// With <see cref="BehindAfter"/>: a session kept open (behind) commits once no batch has come for this long (the feed
    /// has gone quiet, or a backlog has been read to its end), instead of waiting for the batches to come, the next
    /// periodic flush (<see cref="FlushEvery"/>, minutes) or the end. Null: only then (tests of the session's size).
    /// </summary>
    public TimeSpan? CommitWhenQuiet { get; init; }

    /// <summary>DuckDB's rows per row group (its default <c>row_group_size</c>): the natural <see cref="SessionEvents"/>.</summary>
    public const int StoreRowGroup = 122_880;
}
