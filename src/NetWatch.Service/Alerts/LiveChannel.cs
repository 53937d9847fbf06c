namespace NetWatch.Service.Alerts;

/// <summary>The live feed as a channel: delivering is publishing to the connected SSE clients (it cannot fail).</summary>
public sealed class LiveChannel(AlertFeed feed) : IAlertChannel
{
    public string Name => Core.Alerts.AlertRouting.LiveFeed.Name;

    public Task SendAsync(AlertMessage message, string recipient, string idempotencyKey, CancellationToken cancellationToken)
    {
        feed.Publish(message.FeedItem(idempotencyKey));
        return Task.CompletedTask;
    }
}
