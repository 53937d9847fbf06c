using NetWatch.Core.Events;
using NetWatch.Storage;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests;

public sealed class VisitStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static NetEvent At(long line, Instant at, string user, string domain, string source) =>
        TestEvents.Minimal(line, at, user, source) with
        {
            Url = new UrlParts { Original = $"http://{domain}/", Domain = domain, RegisteredDomain = domain },
            Policy = new PolicyDecision { Verdict = "personal-break", PolicyName = "000" },
        };

    [Fact]
    public void Visits_of_the_imported_days_are_stored_once_and_recomputed_whole_when_more_arrives()
    {
        var t = TestEvents.Base; // 22:24:47 UTC = local, November
        using var store = EventStore.Open(_dir.Path);
        store.Write([
            At(1, t, "a", "bbc.co.uk", "one.log"),
            At(2, t + Duration.FromMinutes(3), "a", "bbc.co.uk", "one.log"),
            At(3, t + Duration.FromMinutes(20), "a", "bbc.co.uk", "one.log"),
            At(4, t + Duration.FromMinutes(1), "b", "tiktok.com", "one.log"),
        ], []);

        Assert.Equal(3, VisitRefresh.ForSources(store, ["one.log"], London, Duration.FromMinutes(5)));
        Assert.Equal(3, VisitRefresh.ForSources(store, ["one.log"], London, Duration.FromMinutes(5)));
        var first = store.Visits.Read();
        Assert.Equal(3, first.Count);
        Assert.Equal(("a", "bbc.co.uk", 2, Duration.FromMinutes(3)), (first[0].Person, first[0].Domain, first[0].EventCount, first[0].Duration));
        Assert.Equal("personal-break", first[0].Verdict);

        // A second file fills the gap on the same day: the day's visits are recomputed from all its events.
        store.Write([At(1, t + Duration.FromMinutes(7), "a", "bbc.co.uk", "two.log"),
                     At(2, t + Duration.FromMinutes(12), "a", "bbc.co.uk", "two.log"),
                     At(3, t + Duration.FromMinutes(16), "a", "bbc.co.uk", "two.log")], []);
        Assert.Equal(2, VisitRefresh.ForSources(store, ["two.log"], London, Duration.FromMinutes(5)));
        var second = store.Visits.Read();
        Assert.Equal(2, second.Count);
        Assert.Equal((6, Duration.FromMinutes(20)), (second[0].EventCount, second[0].Duration));
    }

    public void Dispose() => _dir.Dispose();
}
