using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// The checkpoint a block reaches (the source kind's own position, serialised), committed with its batch; and what
/// the source does once it is committed (e.g. a file source updates its lag).
/// </summary>
public sealed record SourceMark(Checkpoint Checkpoint, Action? Committed = null);
