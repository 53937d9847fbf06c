using NodaTime;

namespace NetWatch.Core.Identity.Findings;

/// <summary>
/// A request no person could be named for (or from a guest device), as the enricher hands it to the
/// <see cref="FindingCollector"/>: a batch's requests are counted together, after the batch, so that the fetches of
/// their devices' counters (in a day's log, rarely still in the cache) overlap instead of each stalling an event.
/// </summary>
/// <param name="VolumeCounter">The moment's counter in the timeline the request was attributed with (-1: none).</param>
/// <param name="Id">The request's event id: a deferring collector counts it only once the store says it was new.</param>
internal readonly record struct UnattributedRequest(AddressSituation Situation, int VolumeCounter, string? SourceIp, Instant At, long? Bytes, Events.EventId Id = default);
