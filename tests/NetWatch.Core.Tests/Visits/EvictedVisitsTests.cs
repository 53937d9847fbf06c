using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Core.Tests.Visits;

/// <summary>The record of evicted visits' keys (<see cref="EvictedVisits"/>): a generation dropped forgets its keys, even
/// when the next generation takes over its filter's bits.</summary>
public class EvictedVisitsTests
{
    private static readonly Duration Gap = Duration.FromMinutes(5);
    private static readonly Instant Noon = Instant.FromUtc(2024, 1, 15, 12, 0);

    [Fact]
    public void A_key_evicted_is_held_until_its_generation_expires_and_not_after_the_filter_is_reused()
    {
        var evicted = new EvictedVisits(Gap, filterBits: 1 << 12);
        var old = VisitKey.Hash("a", "example.com");
        evicted.Add(new EvictedVisit(old, Noon, Noon + Duration.FromMinutes(1), null));
        Assert.True(evicted.MayHold(old));
        evicted.Expire(Noon + Duration.FromMinutes(6));
        Assert.True(evicted.MayHold(old)); // still within a gap of a possible end of its generation
        // Two gaps on, its generation is dropped; a later eviction starts a generation with the dropped one's bits.
        evicted.Expire(Noon + Duration.FromMinutes(11));
        Assert.True(evicted.IsEmpty);
        var later = VisitKey.Hash("b", "example.org");
        evicted.Add(new EvictedVisit(later, Noon + Duration.FromMinutes(10), Noon + Duration.FromMinutes(11), null));
        Assert.True(evicted.MayHold(later));
        Assert.False(evicted.MayHold(old));
    }

    [Fact]
    public void The_requests_kept_for_an_evicted_visit_are_given_back_once_for_its_own_start_and_end()
    {
        var evicted = new EvictedVisits(Gap, filterBits: 1 << 12);
        var key = VisitKey.Hash("a", "example.com");
        long[] requests = [1, 2, 3];
        evicted.Add(new EvictedVisit(key, Noon, Noon + Duration.FromMinutes(1), requests));
        Assert.Null(evicted.TakeRequests(key, Noon, Noon + Duration.FromMinutes(2)));
        evicted.Add(new EvictedVisit(key, Noon, Noon + Duration.FromMinutes(1), requests));
        Assert.Same(requests, evicted.TakeRequests(key, Noon, Noon + Duration.FromMinutes(1)));
        Assert.Null(evicted.TakeRequests(key, Noon, Noon + Duration.FromMinutes(1)));
    }
}
