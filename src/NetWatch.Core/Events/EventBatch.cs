using NetWatch.Core.Parsing;

namespace NetWatch.Core.Events;

/// <summary>
/// What crosses the pipeline's async boundaries: the events and dead letters made from a run of
/// consecutive lines of one source (its checkpoint travels beside it, in the pipeline's ParseJob).
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
}
