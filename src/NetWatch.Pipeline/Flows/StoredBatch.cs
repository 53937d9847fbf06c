using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Flows;

/// <summary>A batch the store has committed: how many of its events were new, its checkpoint's source (if any), and how long it took from read to stored.</summary>
public sealed record StoredBatch(EventBatch Batch, int Stored, TimeSpan Latency, string? CheckpointSource = null);
