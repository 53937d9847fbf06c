using NetWatch.Core.Parsing;

namespace NetWatch.Core.Events;

/// <summary>
/// What crosses the pipeline's async boundaries: the events and dead letters made from a run of
/// consecutive lines of one source, and how far into the source that run reaches.
/// </summary>
public sealed record EventBatch(
    string Source,
    IReadOnlyList<NetEvent> Events,
    IReadOnlyList<DeadLetter> DeadLetters,
    long LinesRead,
    long LastLineNumber)
{
    private static readonly IReadOnlyDictionary<string, long> NoneSkipped = new Dictionary<string, long>();

    /// <summary>Lines that are rightly not events (file headers, non-request records), counted by reason.</summary>
    public IReadOnlyDictionary<string, long> SkippedByReason { get; init; } = NoneSkipped;

    /// <summary>For a live source: the position reached once this batch is stored (committed with it), else null.</summary>
    public SourcePosition? Position { get; init; }

    /// <summary>
    /// Events whose id is already stored replace the stored row instead of being skipped: the live service stores
    /// its findings as they stand every so often, and a finding keeps its id while its counts grow.
    /// </summary>
    public bool ReplaceStored { get; init; }
}
