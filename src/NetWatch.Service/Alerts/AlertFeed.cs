using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NetWatch.Core.Alerts;

namespace NetWatch.Service.Alerts;

/// <summary>The in-process live feed: each subscriber gets a bounded queue of its own (a slow client drops its oldest items, never slows delivery).</summary>
public sealed class AlertFeed : IAlertFeed
{
    private readonly ConcurrentDictionary<Channel<AlertFeedItem>, byte> _subscribers = new();

    public int Subscribers => _subscribers.Count;

    public void Publish(AlertFeedItem item)
    {
        foreach (var subscriber in _subscribers.Keys) subscriber.Writer.TryWrite(item);
    }

    public async IAsyncEnumerable<AlertFeedItem> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<AlertFeedItem>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscribers[channel] = 0;
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            _subscribers.TryRemove(channel, out _);
        }
    }
}
