using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Flows;

/// <summary>A batch the sink has written: how many of its events were new, and how long it took from read to stored.</summary>
public sealed record StoredBatch(EventBatch Batch, int Stored, TimeSpan Latency);
