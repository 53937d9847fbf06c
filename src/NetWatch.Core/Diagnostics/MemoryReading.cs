namespace NetWatch.Core.Diagnostics;

/// <summary>
/// One part of a running service's memory as it stands: what it holds now, and its share of the <c>memory:</c> setting
/// when the service has one (null: no setting, so no share). /metrics and the ICT page show the same readings.
/// </summary>
/// <param name="Part">The part's name on /metrics (<c>resident</c>, <c>store</c>, <c>managed_heap</c>, <c>open_visits</c>).</param>
public sealed record MemoryReading(string Part, long Bytes, long? ShareBytes);
