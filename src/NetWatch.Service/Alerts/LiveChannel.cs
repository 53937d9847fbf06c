using System.Collections.Concurrent;
using NetWatch.Core.Alerts;

namespace NetWatch.Service.Alerts;

/// <summary>
/// The live feed as a channel: delivering is publishing to the connected SSE clients (it cannot fail). A delivery is
/// reached twice in the running service: at once by the pipeline's hand-over of just-committed notifications
/// (<see cref="AlertDispatcher.Committed"/>) and later by the outbox pass that records it delivered. It is published
/// by whichever comes first; the second only forgets its key, so the set stays as small as the deliveries in between.
/// </summary>
public sealed class LiveChannel(AlertFeed feed) : IAlertChannel
{
    private readonly ConcurrentDictionary<string, byte> _published = new(StringComparer.Ordinal);

    public string Name => AlertRouting.LiveFeed.Name;

    public Task SendAsync(AlertMessage message, string recipient, string idempotencyKey, CancellationToken cancellationToken)
    {
        PublishOnce(message.FeedItem(idempotencyKey));
        return Task.CompletedTask;
    }

    /// <summary>Publishes the item unless its delivery (<see cref="AlertFeedItem.Key"/>) was published already; true when it published.</summary>
    public bool PublishOnce(AlertFeedItem item)
    {
        if (_published.TryAdd(item.Key, 0))
        {
            feed.Publish(item);
            return true;
        }
        _published.TryRemove(item.Key, out _);
        return false;
    }
}
