using Microsoft.Extensions.Logging.Abstractions;
using NetWatch.Core.Alerts;
using NetWatch.Service.Alerts;
using NetWatch.Storage;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>
/// The pipeline hands just-committed notifications to the dispatcher, which publishes them on the live feed at once;
/// the outbox pass still records every delivery, and the live feed gets each notification once whichever comes first.
/// </summary>
public sealed class LiveFeedHandOverTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromSeconds(30));   // a guard against hanging, not a timing
    private static readonly AlertFeedItem Sentinel = new("sentinel", "-", "-", "-", 1, "-", 1, 1, "-");

    [Fact]
    public async Task Committed_notifications_are_on_the_feed_before_any_outbox_pass_which_records_them_without_publishing_again()
    {
        using var sink = new SmtpSink();
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 23, 10, 0));
        using var store = DuckDbStore.Open(_dir.File("store"));
        var feed = new AlertFeed();
        var dispatcher = AlertDelivery.Create(AlertDeliveryTests.ReadAlerts(AlertDeliveryTests.AlertsYaml(sink.Port, null)), store, null, feed,
            _http, clock, NullLogger.Instance);
        await using var items = feed.SubscribeAsync(_bound.Token).GetAsyncEnumerator();
        var first = items.MoveNextAsync();   // subscribed from here on

        var changes = await AlertDeliveryTests.RaiseAsync(store, clock, ("a", "self-harm", 4), ("b", "bullying", 2));
        dispatcher.Committed(changes);   // no outbox pass has run: only the hand-over can publish
        var published = new List<AlertFeedItem>();
        Assert.True(await first);
        published.Add(items.Current);
        Assert.True(await items.MoveNextAsync());
        published.Add(items.Current);
        Assert.Equal(["a", "b"], published.Select(i => i.Subject).Order());

        Assert.Equal(4, await dispatcher.RunOnceAsync(default));   // e-mail and the live feed, two alerts each
        var live = (await AlertDeliveryTests.Deliveries(store)).Where(d => d.Channel == AlertRouting.LiveFeed.Name).ToList();
        Assert.All(live, d => Assert.NotNull(d.DeliveredAt));
        Assert.Equal(live.Select(d => d.Key).Order(), published.Select(i => i.Key).Order());   // the outbox's idempotency keys
        Assert.Equal(Sentinel, await NextAfterPassAsync(feed, items));
        Assert.Equal(2, sink.WaitFor(2, TimeSpan.FromSeconds(10)).Count);
    }

    [Fact]
    public async Task A_notification_the_outbox_pass_published_first_is_not_published_again_by_the_hand_over()
    {
        using var sink = new SmtpSink();
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 23, 10, 0));
        using var store = DuckDbStore.Open(_dir.File("store"));
        var feed = new AlertFeed();
        var dispatcher = AlertDelivery.Create(AlertDeliveryTests.ReadAlerts(AlertDeliveryTests.AlertsYaml(sink.Port, null)), store, null, feed,
            _http, clock, NullLogger.Instance);
        await using var items = feed.SubscribeAsync(_bound.Token).GetAsyncEnumerator();
        var first = items.MoveNextAsync();

        var changes = await AlertDeliveryTests.RaiseAsync(store, clock, ("a", "self-harm", 4));
        Assert.Equal(2, await dispatcher.RunOnceAsync(default));
        Assert.True(await first);
        Assert.Equal("a", items.Current.Subject);
        dispatcher.Committed(changes);
        Assert.Equal(Sentinel, await NextAfterPassAsync(feed, items));
    }

    /// <summary>The next item after publishing a sentinel: the sentinel itself when nothing else was published in between.</summary>
    private static async Task<AlertFeedItem> NextAfterPassAsync(AlertFeed feed, IAsyncEnumerator<AlertFeedItem> items)
    {
        feed.Publish(Sentinel);
        Assert.True(await items.MoveNextAsync());
        return items.Current;
    }

    public void Dispose()
    {
        _bound.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }
}
