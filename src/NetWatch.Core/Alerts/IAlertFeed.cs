namespace NetWatch.Core.Alerts;

/// <summary>One notification on the live feed (the web app's Server-Sent Events): what changed, never the evidence itself.</summary>
public sealed record AlertFeedItem(string Key, string AlertId, string School, string Theme, int Severity, string Reason, int Version, long Count, string Subject);

/// <summary>
/// The live feed of alert notifications: the delivery dispatcher publishes, each connected SSE client reads its own
/// subscription. A client that is not connected misses nothing it cannot list through the API.
/// </summary>
public interface IAlertFeed
{
    /// <summary>Notifications published from now until <paramref name="cancellationToken"/> ends the subscription.</summary>
    IAsyncEnumerable<AlertFeedItem> SubscribeAsync(CancellationToken cancellationToken);
}
