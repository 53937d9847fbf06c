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
    long LastLineNumber);
